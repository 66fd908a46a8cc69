import { LocalRuntime } from './local/local-runtime.js';
import { localRuntimeRefusal } from './local/platform.js';
import { StateStore } from './state.js';
import type { KafkaSqlEngine, OptionalProfile, Runtime, StackRuntimeName } from './types.js';

export interface RuntimeSettings {
  store?: StateStore;
  /** Docker only: optional services and the SQL-on-Kafka server. */
  profiles?: readonly OptionalProfile[];
  engine?: KafkaSqlEngine;
  /** The platform the local runtime would run on; injected in tests. */
  platform?: NodeJS.Platform;
  /** Whether a Docker engine answers; asked of the engine unless injected (tests). */
  dockerAnswers?: () => Promise<boolean>;
  /** Your own platform: the platform file (--platform) picks the external runtime. */
  platformFile?: string;
  /** Warnings from reading the platform file (e.g. TLS verification off) go here. */
  onWarning?: (text: string) => void;
}

export interface RuntimeChoice {
  runtime: Runtime;
  /** Why this runtime, in words, for the user. */
  reason: string;
}

export async function createRuntime(name: StackRuntimeName, settings: RuntimeSettings = {}): Promise<Runtime> {
  const store = settings.store ?? new StateStore();
  if (name === 'local') {
    const refusal = localRuntimeRefusal(settings.platform);
    if (refusal) throw refusal;
    return new LocalRuntime(store);
  }
  const { DockerRuntime } = await import('./docker/index.js');
  return new DockerRuntime({ state: store, profiles: settings.profiles, engine: settings.engine });
}

async function dockerAnswers(settings: RuntimeSettings): Promise<boolean> {
  if (settings.dockerAnswers) return settings.dockerAnswers();
  const { dockerEngineAnswers } = await import('./docker/index.js');
  return dockerEngineAnswers().catch(() => false);
}

/**
 * The runtime to use: the one asked for; else the one that owns an existing environment;
 * else Docker when an engine answers, and the local runtime otherwise.
 */
export async function chooseRuntime(requested: StackRuntimeName | undefined, settings: RuntimeSettings = {}): Promise<RuntimeChoice> {
  if (settings.platformFile) {
    const { openExternalRuntime } = await import('./external/external-runtime.js');
    const runtime = openExternalRuntime(settings.platformFile);
    for (const warning of runtime.platform.warnings) settings.onWarning?.(warning);
    return { runtime, reason: `--platform ${settings.platformFile}: your own platform, only read, never changed` };
  }
  const store = settings.store ?? new StateStore();
  const withStore = { ...settings, store };
  if (requested) return { runtime: await createRuntime(requested, withStore), reason: `--runtime ${requested}` };
  const existing = store.read();
  if (existing) return { runtime: await createRuntime(existing.runtime, withStore), reason: `the environment is up on the ${existing.runtime} runtime` };
  if (await dockerAnswers(settings)) return { runtime: await createRuntime('docker', withStore), reason: 'a Docker engine answers' };
  // On Windows this throws the one sentence that points to Docker Desktop or WSL.
  return { runtime: await createRuntime('local', withStore), reason: 'no Docker engine answers, so the services run as local processes' };
}
