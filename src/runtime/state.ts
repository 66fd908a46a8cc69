import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as z from 'zod';
import { UserError } from '../common/errors.js';
import { fileSystemUserError } from '../common/fs-errors.js';
import { stateHome } from '../common/paths.js';
import { noEnvironmentError } from './require-environment.js';
import { LOCK_FILE, StateLock } from './state-lock.js';
import { SERVICE_NAMES } from './types.js';

/** Files in the state home that are the person's, not the environment's: `down` keeps them. */
export const PERSONAL_FILES = ['tour-progress.json', 'query-history.json'] as const;
export const TOUR_PROGRESS_FILE: (typeof PERSONAL_FILES)[number] = 'tour-progress.json';

const serviceRecordSchema = z.object({
  pid: z.number().int().positive().optional(),
  /** Linux: the process's start in clock ticks since boot (/proc). State files before macOS support have only this. */
  startTicks: z.number().optional(),
  /** Every platform: the process's start in ms since the epoch (/proc or ps), compared within a tolerance. */
  startEpochMs: z.number().optional(),
  /** When the runtime began starting the service (for durations), not the process's identity. */
  startedAt: z.number().optional(),
  /** Set once the service was ready and its set-up (warehouse user, topic) done; absent while a start is under way or was interrupted. */
  readyAt: z.number().optional(),
  /** Where this start's log begins, so finishing an interrupted start reads only its own lines. */
  logOffset: z.number().optional(),
});

const portNumber = z.number().int().min(1).max(65535);

/** The local runtime's ports on 127.0.0.1, one per listener its processes open. */
export const localPortsSchema = z.object({
  db: portNumber,
  kafka: portNumber,
  kafkaInternal: portNumber,
  kafkaController: portNumber,
  connect: portNumber,
  trino: portNumber,
});
export type LocalPorts = z.infer<typeof localPortsSchema>;

/** The Docker runtime's published host ports, by compose service (which ones depends on --with and --engine). */
export const dockerPortsSchema = z.record(z.string(), portNumber);
export type DockerPorts = z.infer<typeof dockerPortsSchema>;

const stateFields = {
  createdAt: z.number(),
  /** The warehouse user's password: generated at the first `up` unless SLOWDATA_DB_PASSWORD is set. */
  dbPassword: z.string().min(8),
  options: z.object({ rate: z.number().positive(), intervalSeconds: z.number().positive() }),
  services: z.partialRecord(z.enum(SERVICE_NAMES), serviceRecordSchema).default({}),
};

/** The state file: what every runtime records, and the ports in the shape of the runtime that owns the environment. */
export const environmentStateSchema = z.discriminatedUnion('runtime', [
  z.object({ runtime: z.literal('local'), ports: localPortsSchema, ...stateFields }),
  z.object({ runtime: z.literal('docker'), ports: dockerPortsSchema, ...stateFields }),
]);

export type EnvironmentState = z.infer<typeof environmentStateSchema>;
export type LocalState = Extract<EnvironmentState, { runtime: 'local' }>;
export type DockerState = Extract<EnvironmentState, { runtime: 'docker' }>;

/** The file that says an environment exists, which runtime owns it, and how to reach it. */
export class StateStore {
  constructor(readonly home: string = stateHome()) {}

  get file(): string {
    return join(this.home, 'state.json');
  }

  /** The lock that lets one state-changing command at a time act on this state home. */
  get lock(): StateLock {
    return new StateLock(this.home);
  }

  /** A folder under the state home, created on first use. */
  dir(...parts: string[]): string {
    const path = join(this.home, ...parts);
    try {
      mkdirSync(path, { recursive: true });
    } catch (error) {
      throw fileSystemUserError(error) ?? fileSystemUserError(realMkdirError(path)) ?? error;
    }
    return path;
  }

  read(): EnvironmentState | undefined {
    let text: string;
    try {
      text = readFileSync(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw fileSystemUserError(error, "the environment's state file") ?? error;
    }
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch {
      throw this.corrupt('it is not valid JSON');
    }
    const parsed = environmentStateSchema.safeParse(data);
    if (!parsed.success) throw this.corrupt(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
    return parsed.data;
  }

  write(state: EnvironmentState): void {
    try {
      mkdirSync(this.home, { recursive: true });
      const temp = `${this.file}.${process.pid}.tmp`;
      writeFileSync(temp, `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600 });
      try {
        renameSync(temp, this.file);
      } catch (error) {
        rmSync(temp, { force: true });
        throw error;
      }
    } catch (error) {
      throw fileSystemUserError(error) ?? error;
    }
  }

  /**
   * Rewrites the state as it is, so a state home that cannot be written (read-only file system,
   * immutable file, no permission) is found before anything is started or stopped.
   */
  checkWritable(state: EnvironmentState): void {
    try {
      this.write(state);
    } catch (error) {
      if (error instanceof UserError && error.cause) throw fileSystemUserError(error.cause, undefined, 'Nothing was started or stopped.') ?? error;
      throw error;
    }
  }

  update(change: (state: EnvironmentState) => void): EnvironmentState {
    const state = this.read();
    if (!state) throw noEnvironmentError();
    change(state);
    this.write(state);
    return state;
  }

  /** Removes the state file and every folder of the environment (data, logs); what belongs to the person (PERSONAL_FILES) stays, and the lock goes when its holder releases it. */
  clear(): void {
    try {
      let entries: string[];
      try {
        entries = readdirSync(this.home);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
        throw error;
      }
      const kept = [LOCK_FILE, ...PERSONAL_FILES] as readonly string[];
      for (const entry of entries) {
        if (!kept.includes(entry)) rmSync(join(this.home, entry), { recursive: true, force: true });
      }
      if (readdirSync(this.home).length === 0) rmSync(this.home, { recursive: true, force: true });
    } catch (error) {
      throw fileSystemUserError(error) ?? error;
    }
  }

  private corrupt(why: string): UserError {
    return new UserError(`The environment's state file ${this.file} cannot be read: ${why}.`, {
      tryThis: `stop any leftover processes, then delete ${this.home} and run "slowdata-tour up" again`,
    });
  }
}

/** A recursive mkdir on a read-only file system says ENOENT; one level at a time says why. */
function realMkdirError(path: string): unknown {
  let first = path;
  while (!existsSync(dirname(first)) && dirname(first) !== first) first = dirname(first);
  try {
    mkdirSync(first);
    return undefined;
  } catch (error) {
    return error;
  }
}

export function generatePassword(env: NodeJS.ProcessEnv = process.env): string {
  const configured = env.SLOWDATA_DB_PASSWORD;
  if (configured !== undefined) {
    if (configured.length < 8) {
      throw new UserError('SLOWDATA_DB_PASSWORD must be at least 8 characters long.', { tryThis: 'unset it to have one generated' });
    }
    return configured;
  }
  return randomBytes(18).toString('base64url');
}
