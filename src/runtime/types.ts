import * as z from 'zod';
import type { UserError } from '../common/errors.js';
import type { Endpoints } from '../engines/endpoints.js';
import { KAFKA_SQL_ENGINES, OPTIONAL_PROFILES, RUNTIME_NAMES, SERVICE_NAMES, type KafkaSqlEngine, type OptionalProfile, type ServiceName } from './names.js';

export { KAFKA_SQL_ENGINES, OPTIONAL_PROFILES, RUNTIME_NAMES, SERVICE_NAMES };
export type { KafkaSqlEngine, OptionalProfile, ServiceName } from './names.js';

export const serviceNameSchema = z.enum(SERVICE_NAMES);

/** The services that make up the batch path; the tour's "Disable the pipeline" step stops them. */
export const PIPELINE_SERVICES: readonly ServiceName[] = ['db', 'connect', 'pipeline'];

export const runtimeNameSchema = z.enum(RUNTIME_NAMES);
/** The runtimes that run an environment of their own (the --runtime flag, the state file). */
export type StackRuntimeName = z.infer<typeof runtimeNameSchema>;
/** Also 'external': your own platform, described by a platform file (--platform). */
export type RuntimeName = StackRuntimeName | 'external';

/** What a runtime may be unable to do, e.g. on a platform that is not the tour's to change. */
export type RuntimeAbility = 'control-services' | 'remove' | 'write-topic';

/** What a person may ask for beyond the core environment: optional services and the SQL-on-Kafka server. */
export interface EnvironmentChoices {
  profiles: readonly OptionalProfile[];
  engine: KafkaSqlEngine;
}

/** Whether a runtime can run on this machine: a line for a person when it can, the error to show when not. */
export type Readiness = { ok: true; summary: string } | { ok: false; problem: UserError };

export type ServiceState = 'running' | 'starting' | 'stopped' | 'unhealthy' | 'absent';

export interface ServiceStatus {
  name: ServiceName;
  state: ServiceState;
  /** Extra words for a person, e.g. "pid 1234" or "container slowdata-kafka-1". */
  detail?: string;
}

/** An optional service running beside the core (Docker profiles), and where a person opens it. */
export interface ExtraService {
  name: string;
  url: string;
  /** How to log in, in words; never the password itself ("slowdata-tour status" shows that). */
  login?: string;
}

export interface EnvironmentStatus {
  runtime: RuntimeName;
  /** False when no environment exists (never brought up, or taken down). */
  exists: boolean;
  services: ServiceStatus[];
  endpoints?: Endpoints;
  /** Optional services that run, e.g. Superset; empty or absent on the local runtime. */
  extras?: ExtraService[];
}

/** Progress events while the environment comes up, for the CLI and the tour to show. */
export type ProgressEvent =
  | { kind: 'artifact'; name: string; state: 'cached' | 'downloading' | 'done'; detail?: string }
  | { kind: 'service'; name: ServiceName; state: 'starting' | 'ready' | 'stopped' | 'failed'; ms?: number; detail?: string }
  | { kind: 'note'; message: string };

/** One thing `doctor` checked, in words, with what to do when it is not ok. */
export interface DoctorCheck {
  name: string;
  ok: boolean;
  /** One sentence on what was found. */
  message: string;
  /** What to do about it, when not ok (or worth knowing). */
  tryThis?: string;
}

/** How many of a service's last log lines come with a failure, whichever runtime runs it. */
export const FAILURE_LOG_LINES = 15;

export type ProgressListener = (event: ProgressEvent) => void;

export interface UpOptions {
  rate: number;
  intervalSeconds: number;
  /** Your own platform only: run the tour's generator against the platform file's Kafka (--produce). */
  produce?: boolean;
  onProgress?: ProgressListener;
  signal?: AbortSignal;
}

export interface UpResult {
  /** False when everything was already running and nothing was done. */
  changed: boolean;
  endpoints: Endpoints;
}

/**
 * What the tour needs from wherever the environment runs. Both runtimes keep the
 * service names and configuration files the same; only hosts and ports differ.
 */
export interface Runtime {
  readonly name: RuntimeName;
  up(options: UpOptions): Promise<UpResult>;
  stop(names: readonly ServiceName[], onProgress?: ProgressListener): Promise<void>;
  start(names: readonly ServiceName[], onProgress?: ProgressListener): Promise<void>;
  status(): Promise<EnvironmentStatus>;
  /** The last `lines` lines of a service's log. */
  logs(name: ServiceName, lines: number): Promise<string[]>;
  down(onProgress?: ProgressListener): Promise<void>;
  /**
   * Undefined when this runtime can run with these choices; otherwise the error to show
   * (the local runtime runs neither the optional services nor Streambased's server).
   */
  refuses(choices: EnvironmentChoices): UserError | undefined;
  /** The platform file it reads (--platform); only your own platform has one. */
  readonly platformFile?: string;
  /** What this runtime cannot do, with the reason in words; absent means it can do everything. */
  readonly cannot?: Partial<Record<RuntimeAbility, string>>;
}
