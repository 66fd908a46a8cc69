import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parse } from 'yaml';
import * as z from 'zod';
import { UserError } from '../../common/errors.js';
import { environmentDir } from '../../common/paths.js';
import {
  ComposeSyntaxError,
  interpolateDeep,
  parseDuration,
  parseMemory,
  parsePortMapping,
  parseVolumeMount,
  type PortMapping,
  type Variables,
} from './compose-syntax.js';

export const DEFAULT_COMPOSE_FILE = join(environmentDir, 'docker-compose.yml');

/**
 * The subset of the Compose format this runtime understands. `.strict()` makes anything
 * outside it an error, so a key added to the file is never silently ignored.
 */
const healthcheckSchema = z
  .object({
    test: z
      .array(z.string())
      .min(2)
      .refine((test) => test[0] === 'CMD' || test[0] === 'CMD-SHELL', { error: 'healthcheck.test must start with CMD or CMD-SHELL' }),
    interval: z.string().optional(),
    timeout: z.string().optional(),
    retries: z.number().int().positive().optional(),
    start_period: z.string().optional(),
  })
  .strict();

const serviceSchema = z
  .object({
    image: z.string().min(1),
    profiles: z.array(z.string()).optional(),
    command: z.array(z.string()).optional(),
    entrypoint: z.array(z.string()).optional(),
    user: z.string().optional(),
    environment: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]).transform(String)).optional(),
    ports: z.array(z.string()).optional(),
    volumes: z.array(z.string()).optional(),
    depends_on: z
      .record(z.string(), z.object({ condition: z.enum(['service_started', 'service_healthy']) }).strict())
      .optional(),
    healthcheck: healthcheckSchema.optional(),
    mem_limit: z.union([z.string(), z.number()]).optional(),
    restart: z
      .union([z.enum(['no', 'on-failure', 'unless-stopped', 'always']), z.string().regex(/^on-failure:[0-9]+$/, { error: 'restart must be no, on-failure[:N], unless-stopped or always' })])
      .optional(),
  })
  .strict();

export const composeFileSchema = z
  .object({
    name: z.string().optional(),
    services: z.record(z.string(), serviceSchema),
    volumes: z.record(z.string(), z.union([z.null(), z.object({}).strict()])).optional(),
  })
  .strict();

export type DependencyCondition = 'service_started' | 'service_healthy';

export interface Healthcheck {
  test: string[];
  intervalNs?: number;
  timeoutNs?: number;
  retries?: number;
  startPeriodNs?: number;
}

export type Mount =
  | { kind: 'bind'; source: string; target: string; readOnly: boolean }
  | { kind: 'volume'; name: string; target: string; readOnly: boolean };

export interface ComposeService {
  name: string;
  image: string;
  profiles: string[];
  command?: string[];
  entrypoint?: string[];
  user?: string;
  environment: Record<string, string>;
  ports: PortMapping[];
  /** Bind sources are absolute paths, resolved against the compose file's folder. */
  mounts: Mount[];
  dependsOn: { service: string; condition: DependencyCondition }[];
  healthcheck?: Healthcheck;
  memoryBytes?: number;
  /** Docker's restart policy; maximumRetries only with on-failure (0: no limit). */
  restart?: RestartPolicy;
}

export interface RestartPolicy {
  name: 'no' | 'on-failure' | 'unless-stopped' | 'always';
  maximumRetries: number;
}

function restartPolicy(text: string): RestartPolicy {
  const [name, retries] = text.split(':') as [RestartPolicy['name'], string | undefined];
  return { name, maximumRetries: retries === undefined ? 0 : Number(retries) };
}

export interface ComposeProject {
  name: string;
  file: string;
  directory: string;
  services: Map<string, ComposeService>;
  volumes: string[];
}

/** A compose file read and parsed as YAML, before interpolation: read once, turned into projects many times. */
export interface ComposeSource {
  file: string;
  raw: unknown;
}

function unusable(file: string, why: string): UserError {
  return new UserError(`The compose file ${file} cannot be used: ${why}.`, { tryThis: 'reinstall slowdata-tour, or undo your changes to the file' });
}

/** Reads and parses a compose file's YAML. A problem becomes one UserError naming the file. */
export function readComposeFile(file: string): ComposeSource {
  try {
    return { file, raw: parse(readFileSync(file, 'utf8')) };
  } catch (error) {
    throw unusable(file, error instanceof Error ? error.message : String(error));
  }
}

/** Interpolates and checks a parsed compose file. Every problem becomes one UserError naming the file. */
export function projectFrom(source: ComposeSource, variables: Variables): ComposeProject {
  const { file } = source;
  let raw: unknown;
  try {
    raw = interpolateDeep(source.raw, variables);
  } catch (error) {
    if (error instanceof ComposeSyntaxError) throw unusable(file, error.message);
    throw error;
  }
  const checked = composeFileSchema.safeParse(raw);
  if (!checked.success) {
    throw unusable(file, checked.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; '));
  }
  try {
    return toProject(file, checked.data);
  } catch (error) {
    if (error instanceof ComposeSyntaxError) throw unusable(file, error.message);
    throw error;
  }
}

/** Reads, interpolates and checks a compose file. Every problem becomes one UserError naming the file. */
export function loadComposeFile(file: string, variables: Variables): ComposeProject {
  return projectFrom(readComposeFile(file), variables);
}

function toProject(file: string, data: z.infer<typeof composeFileSchema>): ComposeProject {
  const directory = dirname(resolve(file));
  const volumes = Object.keys(data.volumes ?? {});
  const services = new Map<string, ComposeService>();
  for (const [name, service] of Object.entries(data.services)) {
    const mounts = (service.volumes ?? []).map((text): Mount => {
      const mount = parseVolumeMount(text);
      if (mount.kind === 'bind') return { ...mount, source: resolve(directory, mount.source) };
      if (!volumes.includes(mount.name)) throw new ComposeSyntaxError(`service ${name} mounts volume "${mount.name}", which is not declared under volumes`);
      return mount;
    });
    const dependsOn = Object.entries(service.depends_on ?? {}).map(([dependency, { condition }]) => {
      if (!(dependency in data.services)) throw new ComposeSyntaxError(`service ${name} depends on "${dependency}", which is not defined`);
      return { service: dependency, condition };
    });
    const health = service.healthcheck;
    services.set(name, {
      name,
      image: service.image,
      profiles: service.profiles ?? [],
      command: service.command,
      entrypoint: service.entrypoint,
      user: service.user,
      environment: service.environment ?? {},
      ports: (service.ports ?? []).map(parsePortMapping),
      mounts,
      dependsOn,
      healthcheck: health && {
        test: health.test,
        intervalNs: health.interval === undefined ? undefined : parseDuration(health.interval),
        timeoutNs: health.timeout === undefined ? undefined : parseDuration(health.timeout),
        retries: health.retries,
        startPeriodNs: health.start_period === undefined ? undefined : parseDuration(health.start_period),
      },
      memoryBytes: service.mem_limit === undefined ? undefined : parseMemory(service.mem_limit),
      restart: service.restart === undefined ? undefined : restartPolicy(service.restart),
    });
  }
  const project = { name: data.name ?? 'slowdata', file: resolve(file), directory, services, volumes };
  dependencyOrder(project, [...services.keys()]);
  return project;
}

/** The services that run with these profiles on: those with no profile, and those with one of them. */
export function activeServices(project: ComposeProject, profiles: readonly string[]): string[] {
  return [...project.services.values()]
    .filter((service) => service.profiles.length === 0 || service.profiles.some((profile) => profiles.includes(profile)))
    .map((service) => service.name);
}

/** `names` sorted so every service comes after what it depends on (dependencies outside `names` are ignored). */
export function dependencyOrder(project: ComposeProject, names: readonly string[]): string[] {
  const wanted = new Set(names);
  const order: string[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (name: string, path: string[]) => {
    if (state.get(name) === 'done') return;
    if (state.get(name) === 'visiting') throw new ComposeSyntaxError(`services depend on each other in a circle: ${[...path, name].join(' -> ')}`);
    state.set(name, 'visiting');
    for (const dependency of project.services.get(name)?.dependsOn ?? []) {
      if (wanted.has(dependency.service)) visit(dependency.service, [...path, name]);
    }
    state.set(name, 'done');
    order.push(name);
  };
  for (const name of names) visit(name, []);
  return order;
}
