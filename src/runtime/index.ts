import { LocalRuntime } from './local/local-runtime.js';
import { lockedRuntime } from './locked-runtime.js';
import { StateStore } from './state.js';
import type { KafkaSqlEngine, OptionalProfile, Runtime, RuntimeName } from './types.js';

export interface RuntimeSettings {
  store?: StateStore;
  /** Docker only: optional services and the SQL-on-Kafka server. */
  profiles?: readonly OptionalProfile[];
  engine?: KafkaSqlEngine;
}

export interface RuntimeChoice {
  runtime: Runtime;
  /** Why this runtime, in words, for the user. */
  reason: string;
}

export async function createRuntime(name: RuntimeName, settings: RuntimeSettings = {}): Promise<Runtime> {
  const store = settings.store ?? new StateStore();
  if (name === 'local') return new LocalRuntime(store);
  const { DockerRuntime } = await import('./docker/index.js');
  return lockedRuntime(new DockerRuntime({ state: store, profiles: settings.profiles, engine: settings.engine }), store);
}

async function dockerAnswers(): Promise<boolean> {
  const { dockerEngineAnswers } = await import('./docker/index.js');
  return dockerEngineAnswers().catch(() => false);
}

/**
 * The runtime to use: the one asked for; else the one that owns an existing environment;
 * else Docker when an engine answers, and the local runtime otherwise.
 */
export async function chooseRuntime(requested: RuntimeName | undefined, settings: RuntimeSettings = {}): Promise<RuntimeChoice> {
  const store = settings.store ?? new StateStore();
  const withStore = { ...settings, store };
  if (requested) return { runtime: await createRuntime(requested, withStore), reason: `--runtime ${requested}` };
  const existing = store.read();
  if (existing) return { runtime: await createRuntime(existing.runtime, withStore), reason: `the environment is up on the ${existing.runtime} runtime` };
  if (await dockerAnswers()) return { runtime: await createRuntime('docker', withStore), reason: 'a Docker engine answers' };
  return { runtime: await createRuntime('local', withStore), reason: 'no Docker engine answers, so the services run as local processes' };
}
