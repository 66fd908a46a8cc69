import { rmSync } from 'node:fs';
import { basename } from 'node:path';
import { UserError } from '../../common/errors.js';
import { explainingFileSystemErrors } from '../../common/fs-errors.js';
import { cacheHome } from '../../common/paths.js';
import { pickPort } from '../../common/ports.js';
import { loadVersions } from '../../common/versions.js';
import { WaitTimeoutError, waitFor } from '../../common/wait.js';
import { noEnvironmentError } from '../require-environment.js';
import { describeHolder } from '../state-lock.js';
import { generatePassword, StateStore, type LocalState } from '../state.js';
import {
  FAILURE_LOG_LINES,
  SERVICE_NAMES,
  type EnvironmentChoices,
  type EnvironmentStatus,
  type ProgressListener,
  type Runtime,
  type ServiceName,
  type ServiceStatus,
  type UpOptions,
  type UpResult,
} from '../types.js';
import { resolveArtifacts, type Artifacts } from './artifacts.js';
import { rewindSinkConnector, startNewGeneration } from './datalake-recovery.js';
import { LocalLayout } from './layout.js';
import { processesOfHome, systemProcesses, type Leftover, type ProcessLister } from './leftovers.js';
import { defaultProcessTable, identify, type Identification, type ProcessIdentity, type ProcessTable } from './process-table.js';
import { leftAloneMessage, launch, tail, terminate } from './processes.js';
import { CONNECTOR, endpointsOf, LOCAL_SERVICES, PREFERRED_PORTS, type HealthContext, type LocalService, type PortName, type ServiceContext } from './services.js';
import { dumpClassData } from './class-data.js';
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
    /** How processes of this state home that the state does not know are found. */
    private readonly processes: ProcessLister = systemProcesses,
    /** Where process start times come from; tests inject one to run the macOS path on Linux. */
    private readonly processTable: ProcessTable = defaultProcessTable(),
  ) {
    this.layout = new LocalLayout(store);
  }

  /**
   * Runs a state-changing command holding the state home's lock: a second one waits (and says so)
   * until the first finishes or dies. A file-system error on the state home becomes one sentence.
   */
  private locked<T>(command: string, work: () => Promise<T>, onProgress?: ProgressListener, signal?: AbortSignal): Promise<T> {
    return explainingFileSystemErrors(() =>
      this.store.lock.withLock(command, work, {
        signal,
        onWait: (holder) =>
          onProgress?.({ kind: 'note', message: `Waiting: another slowdata-tour command is changing this environment: ${describeHolder(holder)}.` }),
      }),
    );
  }

  refuses(choices: EnvironmentChoices): UserError | undefined {
    if (choices.profiles.length === 0 && choices.engine === 'trino') return undefined;
    return new UserError('--with and --engine streambased need the docker runtime: the optional services only come as images.', {
      tryThis: 'slowdata-tour up --runtime docker --with superset (with a Docker engine running)',
    });
  }

  async up(options: UpOptions): Promise<UpResult> {
    return this.locked('up', () => this.upLocked(options), options.onProgress, options.signal);
  }

  private async upLocked(options: UpOptions): Promise<UpResult> {
    const existing = this.store.read();
    if (existing && existing.runtime !== 'local') {
      throw new UserError(`An environment is already up on the ${existing.runtime} runtime.`, { tryThis: 'slowdata-tour down, then bring it up again' });
    }
    if (existing) {
      this.store.checkWritable(existing);
      this.noteUnconfirmed(existing, SERVICE_NAMES, options.onProgress);
      const unfinished = SERVICE_NAMES.filter((name) => this.isRunning(existing, name) && existing.services[name]?.readyAt === undefined);
      const stopped = SERVICE_NAMES.filter((name) => !this.isRunning(existing, name));
      if (stopped.length === 0 && unfinished.length === 0) {
        options.onProgress?.({ kind: 'note', message: 'The environment is already up; nothing to do.' });
        return { changed: false, endpoints: endpointsOf(existing) };
      }
      const parts = [
        ...(unfinished.length > 0 ? [`finishing the interrupted start of ${unfinished.join(', ')}`] : []),
        ...(stopped.length > 0 ? [`starting what is stopped: ${stopped.join(', ')}`] : []),
      ];
      options.onProgress?.({ kind: 'note', message: `The environment exists; ${parts.join('; ')}.` });
      await this.startIn(existing, [...unfinished, ...stopped], options.onProgress, options.signal);
      return { changed: true, endpoints: endpointsOf(existing) };
    }
    // Missing tools or artifacts fail here, before any state is written.
    await this.prepare(options.onProgress);
    const state: LocalState = {
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
    await this.locked(`stop ${names.join(' ')}`, async () => {
      const state = this.requireState();
      this.store.checkWritable(state);
      await this.stopIn(state, names, onProgress);
    }, onProgress);
  }

  private async stopIn(state: LocalState, names: readonly ServiceName[], onProgress?: ProgressListener): Promise<void> {
    await Promise.all(
      names.map(async (name) => {
        const record = state.services[name];
        const outcome = record?.pid !== undefined ? await terminate(record.pid, record, undefined, this.processTable) : { kind: 'gone' as const };
        if (outcome.kind === 'other' || outcome.kind === 'unconfirmed') {
          onProgress?.({ kind: 'note', message: leftAloneMessage(name, outcome) });
          onProgress?.({ kind: 'service', name, state: 'stopped', detail: `pid ${outcome.pid} ${outcome.kind === 'other' ? 'is another program now' : 'not signalled'}` });
        } else {
          onProgress?.({ kind: 'service', name, state: 'stopped' });
        }
      }),
    );
    this.store.update((s) => {
      for (const name of names) delete s.services[name];
    });
  }

  async start(names: readonly ServiceName[], onProgress?: ProgressListener): Promise<void> {
    await this.locked(`start ${names.join(' ')}`, async () => {
      const state = this.requireState();
      this.store.checkWritable(state);
      this.noteUnconfirmed(state, names, onProgress);
      const toStart = names.filter((name) => !this.isRunning(state, name) || state.services[name]?.readyAt === undefined);
      for (const name of names) {
        if (!toStart.includes(name)) onProgress?.({ kind: 'service', name, state: 'ready', detail: 'already running' });
      }
      if (toStart.length === 0) return;
      await this.startIn(state, toStart, onProgress);
    }, onProgress);
  }

  async status(): Promise<EnvironmentStatus> {
    const state = this.store.read();
    if (!state || state.runtime !== 'local') {
      return { runtime: 'local', exists: false, services: SERVICE_NAMES.map((name) => ({ name, state: 'absent' })) };
    }
    const endpoints = endpointsOf(state);
    const context: HealthContext = { layout: this.layout, state, endpoints };
    const holder = this.store.lock.holder();
    const services = await Promise.all(
      [...LOCAL_SERVICES].sort((a, b) => SERVICE_NAMES.indexOf(a.name) - SERVICE_NAMES.indexOf(b.name)).map(async (service): Promise<ServiceStatus> => {
        const record = state.services[service.name];
        if (record?.pid === undefined) return { name: service.name, state: 'stopped' };
        const identity = identify(record.pid, record, this.processTable);
        if (identity.kind === 'unconfirmed') {
          return { name: service.name, state: 'stopped', detail: `unknown: pid ${record.pid} is alive, but ${identity.why}; not treated as the tour's` };
        }
        if (identity.kind === 'other') return { name: service.name, state: 'stopped', detail: `pid ${record.pid} now belongs to another program` };
        if (identity.kind === 'gone') return { name: service.name, state: 'stopped' };
        // A start recorded by this version (it has a log offset) but never finished: still under way, or
        // interrupted, even when the process already answers (its set-up, e.g. the warehouse user, may be missing).
        const finishedStarting = record.readyAt !== undefined || record.logOffset === undefined;
        if (finishedStarting) {
          const healthy = await service.healthy(context).catch(() => false);
          return { name: service.name, state: healthy ? 'running' : 'unhealthy', detail: `pid ${record.pid}` };
        }
        return holder
          ? { name: service.name, state: 'starting', detail: `pid ${record.pid}, being started by ${describeHolder(holder)}` }
          : { name: service.name, state: 'unhealthy', detail: `pid ${record.pid}; its start was interrupted: "slowdata-tour up" finishes it` };
      }),
    );
    return { runtime: 'local', exists: true, services, endpoints };
  }

  async logs(name: ServiceName, lines: number): Promise<string[]> {
    return tail(this.layout.logFile(name), lines);
  }

  async down(onProgress?: ProgressListener): Promise<void> {
    await this.locked('down', async () => {
      const state = this.store.read();
      if (state) {
        if (state.runtime !== 'local') {
          throw new UserError(`The environment is up on the ${state.runtime} runtime.`, { tryThis: `slowdata-tour down --runtime ${state.runtime}` });
        }
        this.store.checkWritable(state);
        const running = [...SERVICE_NAMES].reverse().filter((name) => state.services[name] !== undefined);
        await this.stopIn(state, running, onProgress);
      }
      await this.stopLeftovers(undefined, onProgress);
      this.store.clear();
    }, onProgress);
  }

  /**
   * Stops the processes of this state home that the state does not know (a start interrupted
   * between the launch and its record, a state file lost), of one service or of all, and says so.
   */
  private async stopLeftovers(service: ServiceName | undefined, onProgress?: ProgressListener): Promise<Leftover[]> {
    const known = Object.values(this.store.read()?.services ?? {}).flatMap((r) => (r.pid === undefined ? [] : [r.pid]));
    const found = processesOfHome(this.store.home, this.processes, known).filter((p) => p.service !== undefined && (service === undefined || p.service === service));
    if (found.length === 0) return found;
    // Found by their command line naming this home, so taken as they are now: their identity is read here.
    await Promise.all(
      found.map((p) => {
        const now = this.processTable.lookup(p.pid);
        return now.kind === 'live' ? terminate(p.pid, now.start, undefined, this.processTable) : Promise.resolve();
      }),
    );
    const list = found.map((p) => `${p.service} (pid ${p.pid})`).join(', ');
    onProgress?.({
      kind: 'note',
      message: `Stopped ${found.length === 1 ? 'a process' : `${found.length} processes`} of this environment that its state did not know: ${list}.`,
    });
    return found;
  }

  /**
   * The way back for a pipeline whose data lake was deleted, replaced or truncated: Connect
   * rewrites the data lake from the beginning of the topic (its consumer group is forgotten), and
   * the pipeline loads the new file from its first byte, skipping the event ids the warehouse holds.
   * Nothing is lost (everything still in Kafka comes back) and nothing is loaded twice.
   */
  async recoverDataLake(onProgress?: ProgressListener): Promise<void> {
    await this.locked('recover', async () => {
      const state = this.requireState();
      this.store.checkWritable(state);
      const needed = (['db', 'kafka'] as const).filter((name) => !this.isRunning(state, name));
      if (needed.length > 0) {
        throw new UserError(`Rewriting the data lake needs ${needed.join(' and ')} running.`, { tryThis: `slowdata-tour start ${needed.join(' ')}, then slowdata-tour recover` });
      }
      const endpoints = endpointsOf(state);
      await this.stopIn(state, ['connect', 'pipeline'], onProgress);
      await rewindSinkConnector(endpoints.kafka, CONNECTOR);
      rmSync(this.layout.datalakeFile, { force: true });
      await startNewGeneration(endpoints.mysql, basename(this.layout.datalakeFile));
      onProgress?.({
        kind: 'note',
        message: 'Connect rewrites the data lake from the beginning of the topic; the pipeline loads it again from its first byte, skipping what the warehouse already holds.',
      });
      await this.startIn(this.requireState(), ['connect', 'pipeline'], onProgress);
    }, onProgress);
  }

  private requireState(): LocalState {
    const state = this.store.read();
    if (!state || state.runtime !== 'local') throw noEnvironmentError('local');
    return state;
  }

  private identify(state: LocalState, name: ServiceName): Identification {
    const record = state.services[name];
    return record?.pid === undefined ? { kind: 'gone' } : identify(record.pid, record, this.processTable);
  }

  private isRunning(state: LocalState, name: ServiceName): boolean {
    return this.identify(state, name).kind === 'ours';
  }

  /** Says which recorded processes cannot be confirmed as ours: they are started afresh, never signalled. */
  private noteUnconfirmed(state: LocalState, names: readonly ServiceName[], onProgress?: ProgressListener): void {
    for (const name of names) {
      const identity = this.identify(state, name);
      const pid = state.services[name]?.pid;
      if (identity.kind === 'unconfirmed' && pid !== undefined) {
        onProgress?.({ kind: 'note', message: `${name}: pid ${pid} is alive, but ${identity.why}; it is left alone and ${name} is started afresh.` });
      }
    }
  }

  /** Finds the tools and resolves the artifacts, once per runtime object. */
  private async prepare(onProgress?: ProgressListener): Promise<{ tools: Tools; artifacts: Artifacts }> {
    this.tools ??= await findTools(this.env);
    this.artifacts ??= await resolveArtifacts(this.tools.mvn, cacheHome(this.env), loadVersions(), onProgress);
    return { tools: this.tools, artifacts: this.artifacts };
  }

  /** Starts services of the environment `state` describes. */
  private async startIn(state: LocalState, names: readonly ServiceName[], onProgress?: ProgressListener, signal?: AbortSignal): Promise<void> {
    const context: ServiceContext = { layout: this.layout, ...(await this.prepare(onProgress)), state, endpoints: endpointsOf(state), cacheDir: cacheHome(this.env) };
    await this.startServices(names, context, onProgress, signal);
  }

  private async choosePorts(onProgress?: ProgressListener): Promise<Record<PortName, number>> {
    const chosen = new Set<number>();
    const ports = {} as Record<PortName, number>;
    // SLOWDATA_PORTS_FROM=N prefers N, N+1, … instead of the usual ports (several environments on one machine).
    const from = Number(this.env.SLOWDATA_PORTS_FROM);
    const base = Number.isInteger(from) && from >= 1024 && from < 65000 ? from : undefined;
    for (const [index, [name, usual]] of (Object.entries(PREFERRED_PORTS) as Array<[PortName, number]>).entries()) {
      const preferred = base === undefined ? usual : base + index;
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
      const checkAfter = readyOf(service.readyAfter ?? []);
      const started = readyOf(service.after)
        .catch((error: unknown) => {
          throw new DependencyFailed(`${service.name} waits for a service that failed`, { cause: error });
        })
        .then(() => {
          signal?.throwIfAborted();
          return this.isRunning(context.state, service.name)
            ? this.finishStart(service, context, onProgress, signal, checkAfter)
            : this.startOne(service, context, onProgress, signal, checkAfter);
        });
      // A failure is reported once, below; a dependent only needs to know it must not start.
      started.catch(() => undefined);
      ready.set(service.name, started);
    }
    const results = await Promise.allSettled(chosen.map((s) => ready.get(s.name)));
    const failures = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected').map((r) => r.reason as unknown);
    const first = failures.find((reason) => !(reason instanceof DependencyFailed)) ?? failures[0];
    if (first !== undefined) throw first;
  }

  /**
   * Launches one service and waits until it is ready. It is recorded in the state before it is
   * launched (so an unwritable state starts nothing) and its pid right after; a launch whose pid
   * cannot be recorded is stopped at once. Leftover processes of the same service go first.
   */
  private async startOne(service: LocalService, context: ServiceContext, onProgress?: ProgressListener, signal?: AbortSignal, checkAfter: Promise<unknown> = Promise.resolve()): Promise<void> {
    const began = Date.now();
    onProgress?.({ kind: 'service', name: service.name, state: 'starting' });
    this.store.update((s) => {
      s.services[service.name] = { startedAt: began };
    });
    await this.stopLeftovers(service.name, onProgress);
    await service.prepare?.(context);
    // The user quit meanwhile: launch nothing new (the intent record without a pid is harmless).
    signal?.throwIfAborted();
    const launched = launch(service.launch(context), this.processTable);
    try {
      this.store.update((s) => {
        s.services[service.name] = { pid: launched.pid, startTicks: launched.startTicks, startEpochMs: launched.startEpochMs, startedAt: began, logOffset: launched.logOffset };
      });
    } catch (error) {
      await terminate(launched.pid, launched, 5000, this.processTable);
      throw error;
    }
    context.state.services[service.name] = { pid: launched.pid, startTicks: launched.startTicks, startEpochMs: launched.startEpochMs, startedAt: began, logOffset: launched.logOffset };
    await this.awaitReady(service, context, { pid: launched.pid, identity: launched, logOffset: launched.logOffset }, began, onProgress, signal, checkAfter);
  }

  /** A service that runs but whose start was interrupted: waits for it again and does its set-up (idempotent). */
  private async finishStart(service: LocalService, context: ServiceContext, onProgress?: ProgressListener, signal?: AbortSignal, checkAfter: Promise<unknown> = Promise.resolve()): Promise<void> {
    const record = context.state.services[service.name]!;
    onProgress?.({ kind: 'service', name: service.name, state: 'starting', detail: 'finishing an interrupted start' });
    await this.awaitReady(service, context, { pid: record.pid!, identity: record, logOffset: record.logOffset ?? 0 }, Date.now(), onProgress, signal, checkAfter);
  }

  private async awaitReady(
    service: LocalService,
    context: ServiceContext,
    launched: { pid: number; identity: ProcessIdentity; logOffset: number },
    began: number,
    onProgress?: ProgressListener,
    signal?: AbortSignal,
    checkAfter: Promise<unknown> = Promise.resolve(),
  ): Promise<void> {
    try {
      await checkAfter.catch((error: unknown) => {
        throw new DependencyFailed(`${service.name} waits for a service that failed`, { cause: error });
      });
      await waitFor(
        async () => {
          if (identify(launched.pid, launched.identity, this.processTable).kind !== 'ours') throw new ExitedEarly();
          return service.ready(context, launched.logOffset);
        },
        { what: `${service.name} to become ready`, timeoutMs: service.readyTimeoutMs, intervalMs: 300, signal, isFatal: (error) => error instanceof ExitedEarly },
      );
      await service.afterReady?.(context);
      const archive = service.classData?.(context);
      if (archive) await dumpClassData(archive, launched.pid);
      const readyAt = Date.now();
      this.store.update((s) => {
        const record = s.services[service.name];
        if (record) record.readyAt = readyAt;
      });
      const record = context.state.services[service.name];
      if (record) record.readyAt = readyAt;
    } catch (error) {
      if (signal?.aborted) throw error;
      await terminate(launched.pid, launched.identity, 5000, this.processTable);
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
