import { z } from 'zod';
import type { Endpoints } from '../engines/endpoints.js';

/** The services of the environment, in the order they are started. */
export const SERVICE_NAMES = ['db', 'kafka', 'connect', 'trino', 'generator', 'pipeline'] as const;
export const serviceNameSchema = z.enum(SERVICE_NAMES);
export type ServiceName = z.infer<typeof serviceNameSchema>;

/** The services that make up the batch path; the tour's step 6 stops them. */
export const PIPELINE_SERVICES: readonly ServiceName[] = ['db', 'connect', 'pipeline'];

/** The runtimes that run an environment of their own (the --runtime flag, the state file). */
export const RUNTIME_NAMES = ['local', 'docker'] as const;
export const runtimeNameSchema = z.enum(RUNTIME_NAMES);
export type StackRuntimeName = z.infer<typeof runtimeNameSchema>;
/** Also 'external': your own platform, described by a platform file (--platform). */
export type RuntimeName = StackRuntimeName | 'external';

/** What a runtime may be unable to do, e.g. on a platform that is not the tour's to change. */
export type RuntimeAbility = 'control-services' | 'remove';

/** Optional services beside the core, Docker runtime only (the seed demo had them). */
export const OPTIONAL_PROFILES = ['superset', 'akhq', 'schema-registry'] as const;
export type OptionalProfile = (typeof OPTIONAL_PROFILES)[number];

export const KAFKA_SQL_ENGINES = ['trino', 'streambased'] as const;
export type KafkaSqlEngine = (typeof KAFKA_SQL_ENGINES)[number];

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
  /** What this runtime cannot do, with the reason in words; absent means it can do everything. */
  readonly cannot?: Partial<Record<RuntimeAbility, string>>;
}
