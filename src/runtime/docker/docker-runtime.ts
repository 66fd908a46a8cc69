import Docker from 'dockerode';
import { UserError } from '../../common/errors.js';
import type { Endpoints } from '../../engines/endpoints.js';
import { generatePassword, StateStore, type DockerState, type EnvironmentState } from '../state.js';
import { localReadiness } from '../local/readiness.js';
import {
  FAILURE_LOG_LINES,
  SERVICE_NAMES,
  type EnvironmentChoices,
  type EnvironmentStatus,
  type ExtraService,
  type ProgressListener,
  type Readiness,
  type Runtime,
  type ServiceName,
  type ServiceStatus,
  type UpOptions,
  type UpResult,
} from '../types.js';
import { DEFAULT_COMPOSE_FILE, dependencyOrder, projectFrom, readComposeFile, type ComposeProject, type ComposeSource } from './compose-file.js';
import { LABEL, networkName, projectFilter, volumeName } from './compose-labels.js';
import { DockerodeClient, type ContainerClient, type ContainerDetails } from './container-client.js';
import { DEFAULT_BUNDLES_DIR, stageContainerFiles } from './container-files.js';
import { configHash, containerSpec } from './container-spec.js';
import { engineUnreachable, pullFailed } from './docker-errors.js';
import {
  composeServiceFor,
  composeVariables,
  engineAmong,
  servicesToRun,
  SHAPE_ONLY_VARIABLES,
  tourNameFor,
  type KafkaSqlEngine,
  type OptionalProfile,
} from './environment-plan.js';
import { chooseHostPorts } from './host-ports.js';
import { WAREHOUSE_DATABASE, WAREHOUSE_USER } from '../warehouse-account.js';
import { noEnvironmentError } from '../require-environment.js';
import { defaultReadyTimeoutMs, ServiceNotReadyError, waitUntilReady } from './wait-for-service.js';

export interface DockerRuntimeOptions {
  /** The engine; by default dockerode's, which honours DOCKER_HOST. */
  docker?: Docker;
  state?: StateStore;
  /** Tests only: replaces image references (e.g. every official image by a local busybox one). */
  images?: Record<string, string>;
  profiles?: readonly OptionalProfile[];
  engine?: KafkaSqlEngine;
  /** Tests only: another compose file in the same subset. */
  composeFile?: string;
  /** Where generator.mjs and pipeline.mjs are; by default the package's dist/bundles. */
  bundlesDir?: string;
  /** Whether the local runtime could run instead, for the words of a failed pull; by default its real check. */
  localReadiness?: () => Promise<Readiness>;
  /** How long one service may take to become healthy; by default what its healthcheck allows. */
  readyTimeoutMs?: number;
  env?: NodeJS.ProcessEnv;
}

const STOP_TIMEOUT_SECONDS = 10;
const ENGINE_PING_TIMEOUT_MS = 5_000;

/** The environment as containers on a Docker engine, created from environment/docker-compose.yml. */
export class DockerRuntime implements Runtime {
  readonly name = 'docker' as const;
  private readonly client: ContainerClient;
  private readonly store: StateStore;
  private readonly images: Record<string, string>;
  private readonly profiles: readonly OptionalProfile[];
  private readonly engine: KafkaSqlEngine;
  private readonly composeFile: string;
  private readonly env: NodeJS.ProcessEnv;
  /** The compose file parsed once per instance (status is polled); its shape, and the last interpolated project. */
  private source: ComposeSource | undefined;
  private shapeProject: ComposeProject | undefined;
  private lastProject: { key: string; project: ComposeProject } | undefined;

  constructor(private readonly options: DockerRuntimeOptions = {}) {
    this.client = new DockerodeClient(options.docker ?? new Docker());
    this.store = options.state ?? new StateStore();
    this.images = options.images ?? {};
    this.profiles = options.profiles ?? [];
    this.engine = options.engine ?? 'trino';
    this.composeFile = options.composeFile ?? DEFAULT_COMPOSE_FILE;
    this.env = options.env ?? process.env;
  }

  refuses(_choices: EnvironmentChoices): undefined {
    return undefined;
  }

  async up(options: UpOptions): Promise<UpResult> {
    const emit = options.onProgress ?? (() => {});
    await this.requireEngine();
    const existing = this.store.read();
    if (existing && existing.runtime !== 'docker') {
      throw new UserError('An environment is already up with the local runtime.', {
        tryThis: 'use it with --runtime local, or remove it first with "slowdata-tour down --runtime local"',
      });
    }
    const services = servicesToRun(this.shape(), { profiles: this.profiles, engine: this.engine });
    const state: EnvironmentState = {
      runtime: 'docker',
      createdAt: existing?.createdAt ?? Date.now(),
      dbPassword: existing?.dbPassword ?? generatePassword(this.env),
      ports: { ...existing?.ports, ...(await chooseHostPorts(services, existing?.ports ?? {}, this.env)) },
      options: { rate: options.rate, intervalSeconds: options.intervalSeconds },
      services: existing?.services ?? {},
    };
    // Written before anything is created, so `down` can always find what a failed `up` left.
    this.store.write(state);
    let project: ComposeProject;
    try {
      project = this.project(state, services, this.engine);
      await this.pullMissingImages(project, services, emit);
    } catch (error) {
      // Nothing is created before the pulls: a first `up` that fails here leaves no environment behind.
      if (!existing) this.store.clear();
      throw error;
    }
    await this.client.ensureNetwork(networkName(project.name), { [LABEL.project]: project.name, [LABEL.network]: 'default' });
    for (const volume of this.volumesOf(project, services)) {
      await this.client.ensureVolume(volumeName(project.name, volume), { [LABEL.project]: project.name, [LABEL.volume]: volume });
    }
    const changed = await this.bringUp(project, services, emit, options.signal);
    if (services.includes('superset')) {
      emit({ kind: 'note', message: `Superset: http://127.0.0.1:${state.ports.superset}, user admin, password: the db password ("slowdata-tour status" shows it)` });
    }
    return { changed, endpoints: this.endpoints(state) };
  }

  async stop(names: readonly ServiceName[], onProgress?: ProgressListener): Promise<void> {
    const emit = onProgress ?? (() => {});
    await this.requireEngine();
    const containers = await this.containersByService();
    await Promise.all(
      names.map(async (name) => {
        const container = containers.get(composeServiceFor(name, engineAmong(containers, this.engine)));
        if (container) await this.client.stopContainer(container.id, STOP_TIMEOUT_SECONDS);
        emit({ kind: 'service', name, state: 'stopped', detail: container ? undefined : 'it had no container' });
      }),
    );
  }

  async start(names: readonly ServiceName[], onProgress?: ProgressListener): Promise<void> {
    const emit = onProgress ?? (() => {});
    await this.requireEngine();
    const state = this.store.read();
    if (state?.runtime !== 'docker') throw noEnvironmentError('docker');
    const containers = await this.containersByService();
    const engine = engineAmong(containers, this.engine);
    // What already runs counts too, so a service started alone gets the same settings as at `up`.
    const running = [...new Set([...servicesToRun(this.shape(), { profiles: this.profiles, engine }), ...containers.keys()])];
    const project = this.project(state, running, engine);
    const wanted = names.map((name) => composeServiceFor(name, engine));
    for (const service of dependencyOrder(project, wanted)) {
      await this.startService(project, service, emit);
    }
  }

  async status(): Promise<EnvironmentStatus> {
    await this.requireEngine();
    const state = this.store.read();
    const containers = await this.containersByService();
    const engine = engineAmong(containers, this.engine);
    const services: ServiceStatus[] = [];
    for (const name of SERVICE_NAMES) {
      const container = containers.get(composeServiceFor(name, engine));
      const details = container && (await this.client.inspectContainer(container.id));
      services.push(details ? describeContainer(name, details) : { name, state: 'absent' });
    }
    const ours = state?.runtime === 'docker';
    return {
      runtime: 'docker',
      exists: ours || containers.size > 0,
      services,
      endpoints: ours ? this.endpoints(state, engine) : undefined,
      extras: ours ? await this.runningExtras(state, containers) : [],
    };
  }

  async logs(name: ServiceName, lines: number): Promise<string[]> {
    await this.requireEngine();
    const containers = await this.containersByService();
    const container = containers.get(composeServiceFor(name, engineAmong(containers, this.engine)));
    if (!container) throw new UserError(`The ${name} service has no container, so it has no log.`, { tryThis: 'slowdata-tour up' });
    return this.client.logTail(container.id, lines);
  }

  async down(onProgress?: ProgressListener): Promise<void> {
    const emit = onProgress ?? (() => {});
    await this.requireEngine();
    const project = this.projectName();
    const containers = await this.client.listContainers(projectFilter(project));
    await Promise.all(
      containers.map(async (container) => {
        await this.client.removeContainer(container.id);
        const tourName = tourNameFor(container.service);
        if (tourName) emit({ kind: 'service', name: tourName, state: 'stopped', detail: 'removed' });
      }),
    );
    for (const network of await this.client.listNetworks(projectFilter(project))) await this.client.removeNetwork(network);
    for (const volume of await this.client.listVolumes(projectFilter(project))) await this.client.removeVolume(volume);
    if (this.store.read()?.runtime !== 'local') this.store.clear();
  }

  private async requireEngine(): Promise<void> {
    try {
      await this.client.ping(ENGINE_PING_TIMEOUT_MS);
    } catch (error) {
      throw engineUnreachable(error);
    }
  }

  private projectName(): string {
    return this.shape().name;
  }

  private composeSource(): ComposeSource {
    return (this.source ??= readComposeFile(this.composeFile));
  }

  /** The file's shape (names, ports, dependencies), good before any state exists. */
  private shape(): ComposeProject {
    return (this.shapeProject ??= projectFrom(this.composeSource(), SHAPE_ONLY_VARIABLES));
  }

  /**
   * The project for this state, with its binds in the staged copy under the state home (the
   * copy has the same text as the file already parsed). Staging runs each time: it rewrites
   * only what changed, so an upgraded package's files reach the containers.
   */
  private project(state: EnvironmentState, services: readonly string[], engine: KafkaSqlEngine): ComposeProject {
    const file = stageContainerFiles(this.store, this.composeFile, this.options.bundlesDir ?? DEFAULT_BUNDLES_DIR);
    const variables = composeVariables(state, services, engine);
    const key = JSON.stringify([file, variables]);
    if (this.lastProject?.key !== key) this.lastProject = { key, project: projectFrom({ file, raw: this.composeSource().raw }, variables) };
    return this.lastProject.project;
  }

  private imageOf(project: ComposeProject, service: string): string {
    const image = project.services.get(service)!.image;
    return this.images[image] ?? image;
  }

  private volumesOf(project: ComposeProject, services: readonly string[]): string[] {
    const names = services.flatMap((service) => project.services.get(service)!.mounts.flatMap((mount) => (mount.kind === 'volume' ? [mount.name] : [])));
    return [...new Set(names)];
  }

  private async pullMissingImages(project: ComposeProject, services: readonly string[], emit: ProgressListener): Promise<void> {
    const images = [...new Set(services.map((service) => this.imageOf(project, service)))];
    for (const image of images) {
      if (await this.client.hasImage(image)) {
        emit({ kind: 'artifact', name: image, state: 'cached' });
        continue;
      }
      emit({ kind: 'artifact', name: image, state: 'downloading' });
      let lastEmit = 0;
      try {
        await this.client.pullImage(image, ({ currentBytes, totalBytes }) => {
          if (Date.now() - lastEmit < 500) return;
          lastEmit = Date.now();
          emit({ kind: 'artifact', name: image, state: 'downloading', detail: `${megabytes(currentBytes)} of ${megabytes(totalBytes)} MB` });
        });
      } catch (error) {
        const local = await (this.options.localReadiness ?? (() => localReadiness(this.env)))().catch(() => undefined);
        throw pullFailed(image, error, local?.ok === true);
      }
      emit({ kind: 'artifact', name: image, state: 'done' });
    }
  }

  /** Starts every service once what it depends on is ready; independent services come up side by side. */
  private async bringUp(project: ComposeProject, services: readonly string[], emit: ProgressListener, signal?: AbortSignal): Promise<boolean> {
    const failure = new AbortController();
    const combined = signal ? AbortSignal.any([signal, failure.signal]) : failure.signal;
    const ready = new Map<string, Promise<boolean>>();
    let firstError: unknown;
    for (const service of dependencyOrder(project, services)) {
      const dependencies = project.services.get(service)!.dependsOn.filter((d) => services.includes(d.service)).map((d) => ready.get(d.service)!);
      const started = (async () => {
        await Promise.all(dependencies);
        combined.throwIfAborted();
        return this.startService(project, service, emit, combined);
      })();
      started.catch((error: unknown) => {
        firstError ??= error;
        failure.abort(error);
      });
      ready.set(service, started);
    }
    const outcomes = await Promise.allSettled(ready.values());
    if (firstError !== undefined) throw firstError;
    return outcomes.some((outcome) => outcome.status === 'fulfilled' && outcome.value);
  }

  /** Creates (or re-creates, when its definition changed) and starts one service, then waits for it. True when anything changed. */
  private async startService(project: ComposeProject, service: string, emit: ProgressListener, signal?: AbortSignal): Promise<boolean> {
    const definition = project.services.get(service)!;
    const image = this.imageOf(project, service);
    const tourName = tourNameFor(service);
    const started = Date.now();
    let [existing] = await this.client.listContainers(projectFilter(project.name, service));
    let details = existing && (await this.client.inspectContainer(existing.id));
    if (details && details.labels[LABEL.configHash] !== configHash(definition, image)) {
      await this.client.removeContainer(details.id);
      details = undefined;
    }
    if (details?.running && (details.health === undefined || details.health === 'healthy')) return false;
    if (tourName) emit({ kind: 'service', name: tourName, state: 'starting' });
    const id = details?.id ?? (await this.client.createContainer(containerSpec(project, definition, image)));
    await this.client.startContainer(id);
    try {
      await waitUntilReady(this.client, service, id, {
        timeoutMs: this.options.readyTimeoutMs ?? defaultReadyTimeoutMs(definition.healthcheck),
        signal,
      });
    } catch (error) {
      if (!(error instanceof ServiceNotReadyError)) throw error;
      if (tourName) emit({ kind: 'service', name: tourName, state: 'failed', detail: error.reason });
      throw new UserError(`The ${service} service did not start: ${error.reason}.`, {
        tryThis: `"slowdata-tour logs ${tourName ?? service}" shows its log; "slowdata-tour down" removes the environment`,
        logTail: await this.client.logTail(id, FAILURE_LOG_LINES),
        cause: error,
      });
    }
    if (tourName) emit({ kind: 'service', name: tourName, state: 'ready', ms: Date.now() - started });
    return true;
  }

  /** The optional web services that run, with where to open them (the seed demo's step 2 opened Superset). */
  private async runningExtras(state: DockerState, containers: ReadonlyMap<string, { id: string }>): Promise<ExtraService[]> {
    const extras: ExtraService[] = [];
    const web: Array<[service: string, name: string, login?: string]> = [
      ['superset', 'Superset', 'user admin, password: the warehouse password ("slowdata-tour status" shows it)'],
      ['akhq', 'AKHQ'],
    ];
    for (const [service, name, login] of web) {
      const container = containers.get(service);
      const port = state.ports[service];
      if (!container || port === undefined || !(await this.client.inspectContainer(container.id))?.running) continue;
      extras.push({ name, url: `http://127.0.0.1:${port}`, ...(login ? { login } : {}) });
    }
    return extras;
  }

  private async containersByService(): Promise<Map<string, { id: string; state: string }>> {
    const containers = await this.client.listContainers(projectFilter(this.projectName()));
    return new Map(containers.map((container) => [container.service, container]));
  }

  private endpoints(state: DockerState, engine: KafkaSqlEngine = this.engine): Endpoints {
    const sqlPort = state.ports[composeServiceFor('trino', engine)];
    return {
      kafka: `127.0.0.1:${state.ports.kafka}`,
      trino: `http://127.0.0.1:${sqlPort}`,
      mysql: { host: '127.0.0.1', port: state.ports.db ?? 3306, user: WAREHOUSE_USER, password: state.dbPassword, database: WAREHOUSE_DATABASE },
    };
  }
}

function describeContainer(name: ServiceName, details: ContainerDetails): ServiceStatus {
  const detail = `container ${details.name}`;
  if (details.restarting) return { name, state: 'starting', detail: `${detail}, restarting after exit code ${details.exitCode}` };
  if (!details.running) return { name, state: 'stopped', detail };
  if (details.health === 'starting') return { name, state: 'starting', detail };
  if (details.health === 'unhealthy') return { name, state: 'unhealthy', detail };
  return { name, state: 'running', detail };
}

function megabytes(bytes: number): string {
  return (bytes / 1024 / 1024).toFixed(0);
}
