import type { EngineFailure, EngineResult } from './types.js';

/** Runs an engine's queries, timing them; any failure becomes an error entry, never a throw. */
export async function timed(run: () => Promise<Omit<Extract<EngineResult, { ok: true }>, 'queryMs' | 'askedAt'>>, explain: (error: unknown) => string): Promise<EngineResult> {
  const started = performance.now();
  const askedAt = Date.now();
  try {
    const answer = await run();
    return { ...answer, queryMs: Math.round(performance.now() - started), askedAt };
  } catch (error) {
    const failure: EngineFailure = { ok: false, error: explain(error), queryMs: Math.round(performance.now() - started) };
    return failure;
  }
}

export function toNumber(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'string' && value.trim() !== '') return Number(value);
  return 0;
}

export function toNullableNumber(value: unknown): number | null {
  return value === null || value === undefined ? null : toNumber(value);
}

