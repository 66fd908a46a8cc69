import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { UserError } from '../common/errors.js';
import { stateHome } from '../common/paths.js';
import { noEnvironmentError } from './require-environment.js';
import { runtimeNameSchema, SERVICE_NAMES } from './types.js';

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
});

export const environmentStateSchema = z.object({
  runtime: runtimeNameSchema,
  createdAt: z.number(),
  /** The warehouse user's password: generated at the first `up` unless SLOWDATA_DB_PASSWORD is set. */
  dbPassword: z.string().min(8),
  ports: z.record(z.string(), z.number().int().min(1).max(65535)),
  options: z.object({ rate: z.number().positive(), intervalSeconds: z.number().positive() }),
  services: z.partialRecord(z.enum(SERVICE_NAMES), serviceRecordSchema).default({}),
});

export type EnvironmentState = z.infer<typeof environmentStateSchema>;

/** The file that says an environment exists, which runtime owns it, and how to reach it. */
export class StateStore {
  constructor(readonly home: string = stateHome()) {}

  get file(): string {
    return join(this.home, 'state.json');
  }

  /** A folder under the state home, created on first use. */
  dir(...parts: string[]): string {
    const path = join(this.home, ...parts);
    mkdirSync(path, { recursive: true });
    return path;
  }

  read(): EnvironmentState | undefined {
    let text: string;
    try {
      text = readFileSync(this.file, 'utf8');
    } catch {
      return undefined;
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
    mkdirSync(this.home, { recursive: true });
    const temp = `${this.file}.tmp`;
    writeFileSync(temp, `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600 });
    renameSync(temp, this.file);
  }

  update(change: (state: EnvironmentState) => void): EnvironmentState {
    const state = this.read();
    if (!state) throw noEnvironmentError();
    change(state);
    this.write(state);
    return state;
  }

  /** Removes the state file and every folder of the environment (data, logs). */
  /** Removes the state file and every folder of the environment (data, logs); what belongs to the person (PERSONAL_FILES) stays. */
  clear(): void {
    let entries: string[];
    try {
      entries = readdirSync(this.home);
    } catch {
      return;
    }
    for (const entry of entries) {
      if (!(PERSONAL_FILES as readonly string[]).includes(entry)) rmSync(join(this.home, entry), { recursive: true, force: true });
    }
    if (readdirSync(this.home).length === 0) rmSync(this.home, { recursive: true, force: true });
  }

  private corrupt(why: string): UserError {
    return new UserError(`The environment's state file ${this.file} cannot be read: ${why}.`, {
      tryThis: `stop any leftover processes, then delete ${this.home} and run "slowdata-tour up" again`,
    });
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
