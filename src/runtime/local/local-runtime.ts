import { UserError } from '../../common/errors.js';
import { cacheHome } from '../../common/paths.js';
import { pickPort } from '../../common/ports.js';
import { loadVersions } from '../../common/versions.js';
import { WaitTimeoutError, waitFor } from '../../common/wait.js';
import { noEnvironmentError } from '../require-environment.js';
import { generatePassword, StateStore, type EnvironmentState } from '../state.js';
import {
  FAILURE_LOG_LINES,
  SERVICE_NAMES,
  type EnvironmentStatus,
  type ProgressListener,
  type Runtime,
  type ServiceName,
  type ServiceStatus,
  type UpOptions,
  type UpResult,
} from '../types.js';
import { resolveArtifacts, type Artifacts } from './artifacts.js';
import { LocalLayout } from './layout.js';
import { dumpClassData } from './class-data.js';
import { isAlive, launch, tail, terminate } from './processes.js';
import { endpointsOf, LOCAL_SERVICES, PREFERRED_PORTS, type HealthContext, type LocalService, type PortName, type ServiceContext } from './services.js';
import { findTools, type Tools } from './tools.js';

/** The environment as processes on this machine: Kafka, Connect and Trino on the JVM, its own MySQL-compatible server, and the Node services. */
export class LocalRuntime implements Runtime {
  readonly name = 'local' as const;
  private readonly layout: LocalLayout;
  private tools: Tools | undefined;
  private artifacts: Artifacts | undefined;

  constructor(
    private readonly store: StateStore = new StateStore(),
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {
    this.layout = new LocalLayout(store);
  }

  async up(options: UpOptions): Promise<UpResult> {
    const existing = this.store.read();
    if (existing && existing.runtime !== 'local') {
      throw new UserError(`An environment is already up on the ${existing.runtime} runtime.`, { tryThis: 'slowdata-tour down, then bring it up again' });
    }
    if (existing) {
      const stopped = SERVICE_NAMES.filter((name) => !this.isRunning(existing, name));
      if (stopped.length === 0) {
        options.onProgress?.({ kind: 'note', message: 'The environment is already up; nothing to do.' });
        return { changed: false, endpoints: endpointsOf(existing) };
      }
      options.onProgress?.({ kind: 'note', message: `The environment exists; starting what is stopped: ${stopped.join(', ')}.` });
      await this.startIn(existing, stopped, options.onProgress, options.signal);
      return { changed: true, endpoints: endpointsOf(existing) };
    }
    // Missing tools or artifacts fail here, before any state is written.
    await this.prepare(options.onProgress);
    const state: EnvironmentState = {
      runtime: 'local',
      createdAt: Date.now(),
      dbPassword: generatePassword(this.env),
      ports: await this.choosePorts(options.onProgress),
      options: { rate: options.rate, intervalSeconds: options.intervalSeconds },
      services: {},
    };
    this.store.write(state);
    await this.startIn(state, SERVICE_NAMES, options.onProgress, options.signal);
    return { changed: true, endpoints: endpointsOf(state) };
  }

  async stop(names: readonly ServiceName[], onProgress?: ProgressListener): Promise<void> {
    const state = this.requireState();
    await Promise.all(
      names.map(async (name) => {
        const record = state.services[name];
        if (record?.pid !== undefined) await terminate(record.pid, record.startTicks);
        onProgress?.({ kind: 'service', name, state: 'stopped' });
      }),
    );
    this.store.update((s) => {
      for (const name of names) delete s.services[name];
    });
  }

  async start(names: readonly ServiceName[], onProgress?: ProgressListener): Promise<void> {
    const state = this.requireState();
    const toStart = names.filter((name) => !this.isRunning(state, name));
    for (const name of names) {
      if (!toStart.includes(name)) onProgress?.({ kind: 'service', name, state: 'ready', detail: 'already running' });
    }
    if (toStart.length === 0) return;
    await this.startIn(state, toStart, onProgress);
  }

  async status(): Promise<EnvironmentStatus> {
    const state = this.store.read();
    if (!state || state.runtime !== 'local') {
      return { runtime: 'local', exists: false, services: SERVICE_NAMES.map((name) => ({ name, state: 'absent' })) };
    }
    const endpoints = endpointsOf(state);
    const context: HealthContext = { layout: this.layout, state, endpoints };
    const services = await Promise.all(
      LOCAL_SERVICES.map(async (service): Promise<ServiceStatus> => {
        const record = state.services[service.name];
        if (record?.pid === undefined || !this.isRunning(state, service.name)) return { name: service.name, state: 'stopped' };
        const healthy = await service.healthy(context).catch(() => false);
        return { name: service.name, state: healthy ? 'running' : 'unhealthy', detail: `pid ${record.pid}` };
      }),
    );
    return { runtime: 'local', exists: true, services, endpoints };
  }

  async logs(name: ServiceName, lines: number): Promise<string[]> {
    return tail(this.layout.logFile(name), lines);
  }

  async down(onProgress?: ProgressListener): Promise<void> {
    const state = this.store.read();
    if (state) {
      if (state.runtime !== 'local') {
        throw new UserError(`The environment is up on the ${state.runtime} runtime.`, { tryThis: `slowdata-tour down --runtime ${state.runtime}` });
      }
      const running = [...SERVICE_NAMES].reverse().filter((name) => state.services[name]?.pid !== undefined);
      await this.stop(running, onProgress);
    }
    this.store.clear();
  }

  private requireState(): EnvironmentState {
    const state = this.store.read();
    if (!state || state.runtime !== 'local') throw noEnvironmentError('local');
    return state;
  }

  private isRunning(state: EnvironmentState, name: ServiceName): boolean {
    const record = state.services[name];
    return record?.pid !== undefined && isAlive(record.pid, record.startTicks);
  }

  /** Finds the tools and resolves the artifacts, once per runtime object. */
  private async prepare(onProgress?: ProgressListener): Promise<{ tools: Tools; artifacts: Artifacts }> {
    this.tools ??= await findTools(this.env);
    this.artifacts ??= await resolveArtifacts(this.tools.mvn, cacheHome(this.env), loadVersions(), onProgress);
    return { tools: this.tools, artifacts: this.artifacts };
  }

  /** Starts services of the environment `state` describes. */
  private async startIn(state: EnvironmentState, names: readonly ServiceName[], onProgress?: ProgressListener, signal?: AbortSignal): Promise<void> {
    const context: ServiceContext = { layout: this.layout, ...(await this.prepare(onProgress)), state, endpoints: endpointsOf(state), cacheDir: cacheHome(this.env) };
    await this.startServices(names, context, onProgress, signal);
  }

  private async choosePorts(onProgress?: ProgressListener): Promise<Record<PortName, number>> {
    const chosen = new Set<number>();
    const ports = {} as Record<PortName, number>;
    for (const [name, preferred] of Object.entries(PREFERRED_PORTS) as Array<[PortName, number]>) {
      const picked = await pickPort(preferred, chosen);
      if (picked !== preferred) onProgress?.({ kind: 'note', message: `Port ${preferred} (${name}) is taken; using ${picked}.` });
      chosen.add(picked);
      ports[name] = picked;
    }
    return ports;
  }

  /**
   * Starts each service as soon as the services it comes `after` are ready, and checks its
   * readiness once those in its `readyAfter` are (so Trino's JVM starts beside Kafka's, and only
   * its readiness query waits for the topic). A service outside `names` counts as ready. The first
   * failure (in start order) is thrown once every start has settled; what did start keeps running
   * until `down`. An abort (the user quit) stops the waiting.
   */
  private async startServices(names: readonly ServiceName[], context: ServiceContext, onProgress?: ProgressListener, signal?: AbortSignal): Promise<void> {
    const chosen = LOCAL_SERVICES.filter((s) => names.includes(s.name));
    const ready = new Map<ServiceName, Promise<void>>();
    const readyOf = (deps: readonly ServiceName[]) => Promise.all(deps.map((dep) => ready.get(dep) ?? Promise.resolve()));
    for (const service of chosen) {
      for (const dep of [...service.after, ...(service.readyAfter ?? [])]) {
        if (names.includes(dep) && !ready.has(dep)) throw new Error(`service dependencies cannot be satisfied: ${service.name} needs ${dep}, which starts later`);
      }
      const started = readyOf(service.after).then(() => this.startOne(service, context, onProgress, signal, readyOf(service.readyAfter ?? [])));
      // A failure is reported once, below; a dependent only needs to know it must not start.
      started.catch(() => undefined);
      ready.set(service.name, started);
    }
    const results = await Promise.allSettled(chosen.map((s) => ready.get(s.name)));
    const failures = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected').map((r) => r.reason as unknown);
    const first = failures.find((reason) => !(reason instanceof DependencyFailed)) ?? failures[0];
    if (first !== undefined) throw first;
  }

  private async startOne(service: LocalService, context: ServiceContext, onProgress?: ProgressListener, signal?: AbortSignal, checkAfter: Promise<unknown> = Promise.resolve()): Promise<void> {
    signal?.throwIfAborted();
    const began = Date.now();
    onProgress?.({ kind: 'service', name: service.name, state: 'starting' });
    await service.prepare?.(context);
    const launched = launch(service.launch(context));
    this.store.update((s) => {
      s.services[service.name] = { pid: launched.pid, startTicks: launched.startTicks, startedAt: began };
    });
    try {
      await checkAfter.catch((error: unknown) => {
        throw new DependencyFailed(`${service.name} waits for a service that failed`, { cause: error });
      });
      await waitFor(
        async () => {
          if (!isAlive(launched.pid, launched.startTicks)) throw new ExitedEarly();
          return service.ready(context, launched.logOffset);
        },
        { what: `${service.name} to become ready`, timeoutMs: service.readyTimeoutMs, intervalMs: 300, signal },
      );
      await service.afterReady?.(context);
      const archive = service.classData?.(context);
      if (archive) await dumpClassData(archive, launched.pid);
    } catch (error) {
      if (signal?.aborted) throw error;
      await terminate(launched.pid, launched.startTicks, 5000);
      this.store.update((s) => {
        delete s.services[service.name];
      });
      onProgress?.({ kind: 'service', name: service.name, state: 'failed' });
      throw await this.startFailure(service.name, error);
    }
    onProgress?.({ kind: 'service', name: service.name, state: 'ready', ms: Date.now() - began });
  }

  private async startFailure(name: ServiceName, error: unknown): Promise<unknown> {
    if (error instanceof UserError || error instanceof DependencyFailed) return error;
    const logTail = await this.logs(name, FAILURE_LOG_LINES);
    const why =
      error instanceof ExitedEarly
        ? `${name} exited while starting.`
        : error instanceof WaitTimeoutError
          ? `${name} did not become ready within ${Math.round(error.waitedMs / 1000)} s.`
          : `${name} failed to start: ${error instanceof Error ? error.message : String(error)}.`;
    return new UserError(why, {
      tryThis: `read the whole log with "slowdata-tour logs ${name}"; "slowdata-tour down" removes what did start`,
      logTail,
      cause: error,
    });
  }
}

class ExitedEarly extends Error {}

/** A service stopped because one it waits for failed: the other failure is the one to report. */
class DependencyFailed extends Error {}
