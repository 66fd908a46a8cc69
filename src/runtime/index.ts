import type Docker from 'dockerode';
import { UserError } from '../common/errors.js';
import { LocalRuntime } from './local/local-runtime.js';
import { localRuntimeRefusal } from './local/platform.js';
import { localReadiness } from './local/readiness.js';
import { lockedRuntime } from './locked-runtime.js';
import { StateStore } from './state.js';
import type { EnvironmentChoices, Readiness, Runtime, StackRuntimeName } from './types.js';

/** What each runtime is created with: the Docker runtime alone takes the optional choices. */
export type RuntimeSettings =
  | {
      name: 'local';
      store?: StateStore;
      env?: NodeJS.ProcessEnv;
      /** The platform the local runtime would run on; injected in tests. */
      platform?: NodeJS.Platform;
    }
  | {
      name: 'docker';
      store?: StateStore;
      env?: NodeJS.ProcessEnv;
      choices?: EnvironmentChoices;
      /** Tests only: the engine, and image references replaced by local stand-ins. */
      docker?: Docker;
      images?: Record<string, string>;
    };

export interface RuntimeChoice {
  runtime: Runtime;
  /** Why this runtime, in words, for the user: a clause without a full stop, shown in brackets. */
  reason: string;
}

export async function createRuntime(settings: RuntimeSettings): Promise<Runtime> {
  const store = settings.store ?? new StateStore();
  if (settings.name === 'local') {
    const refusal = localRuntimeRefusal(settings.platform);
    if (refusal) throw refusal;
    return new LocalRuntime(store, settings.env);
  }
  const { DockerRuntime } = await import('./docker/index.js');
  return lockedRuntime(
    new DockerRuntime({
      state: store,
      env: settings.env,
      profiles: settings.choices?.profiles,
      engine: settings.choices?.engine,
      docker: settings.docker,
      images: settings.images,
    }),
    store,
  );
}

export interface ChooseOptions {
  store?: StateStore;
  env?: NodeJS.ProcessEnv;
  /** What the person asked for beyond the core; passed to the runtime that can take it. */
  choices?: EnvironmentChoices;
  /** Tests only. */
  docker?: Docker;
  images?: Record<string, string>;
  /** Tests only: the platform the local runtime would run on. */
  platform?: NodeJS.Platform;
  /** Tests only: the local runtime's check, by default findTools. */
  localReadiness?: () => Promise<Readiness>;
  /** Tests only: the Docker runtime's check, by default asked of the engine. */
  dockerReadiness?: () => Promise<Readiness>;
  /** Your own platform: the platform file (--platform) picks the external runtime. */
  platformFile?: string;
  /** Warnings from reading the platform file (e.g. TLS verification off) go here. */
  onWarning?: (text: string) => void;
}

/** Can the Docker runtime run here with these choices? The engine answers and has, or can fetch, every image. */
export async function dockerReadiness(options: Pick<ChooseOptions, 'choices' | 'docker' | 'images'> = {}): Promise<Readiness> {
  const docker = await import('./docker/index.js');
  return docker.dockerReadiness({ docker: options.docker, choices: options.choices, images: options.images });
}

export { localReadiness };

/**
 * The runtime to use: the one asked for; else the one that owns an existing environment;
 * else Docker when it can run (an engine answers and has or can fetch every image); else the
 * local runtime when its prerequisites are here; else one error saying what each one needs.
 */
export async function chooseRuntime(requested: StackRuntimeName | undefined, options: ChooseOptions = {}): Promise<RuntimeChoice> {
  if (options.platformFile) {
    const { openExternalRuntime } = await import('./external/external-runtime.js');
    const runtime = openExternalRuntime(options.platformFile, options.store?.home, options.env);
    for (const warning of runtime.platform.warnings) options.onWarning?.(warning);
    return { runtime, reason: `--platform ${options.platformFile}: your own platform, only read, never changed` };
  }
  const store = options.store ?? new StateStore();
  const settingsFor = (name: StackRuntimeName): RuntimeSettings =>
    name === 'local'
      ? { name, store, env: options.env, platform: options.platform }
      : { name, store, env: options.env, choices: options.choices, docker: options.docker, images: options.images };
  if (requested) return { runtime: await createRuntime(settingsFor(requested)), reason: `--runtime ${requested}` };
  const existing = store.read();
  if (existing) return { runtime: await createRuntime(settingsFor(existing.runtime)), reason: `the environment is up on the ${existing.runtime} runtime` };

  const docker = await (options.dockerReadiness ?? (() => dockerReadiness(options)))();
  if (docker.ok) return { runtime: await createRuntime(settingsFor('docker')), reason: docker.summary };
  // Outside WSL on Windows, the local runtime's own sentence points to Docker Desktop or WSL.
  const refusal = localRuntimeRefusal(options.platform);
  if (refusal) throw refusal;
  const local = await (options.localReadiness ?? (() => localReadiness(options.env)))();
  if (local.ok) {
    return { runtime: await createRuntime(settingsFor('local')), reason: `the services run as local processes: ${asClause(docker.problem.message)}` };
  }
  const needs = (problem: UserError) => (problem.tryThis ? `${problem.message} (${problem.tryThis})` : problem.message);
  throw new UserError(`Neither runtime can run on this machine.\n  Docker: ${needs(docker.problem)}\n  Local: ${needs(local.problem)}`, {
    tryThis: 'make one of the two possible as said above; "slowdata-tour doctor" checks both',
  });
}

/** A message's sentence as a clause of another: the reason is shown in brackets, inside a sentence. */
function asClause(text: string): string {
  return (text.charAt(0).toLowerCase() + text.slice(1)).replace(/\.$/, '');
}
