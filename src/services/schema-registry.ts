import { setTimeout as sleep } from 'node:timers/promises';
import * as z from 'zod';
import { transactionSchema } from './transaction.js';

/** The transactions topic's value schema as JSON Schema, derived from the same zod schema the pipeline validates with. */
export function transactionJsonSchema(): string {
  return JSON.stringify({ title: 'transaction', ...z.toJSONSchema(transactionSchema) });
}

/**
 * Registers the value schema with a Confluent-compatible schema registry, retrying while the
 * registry starts. Returns the schema id.
 */
export async function registerValueSchema(registryUrl: string, topic: string, signal: AbortSignal, log: (line: string) => void): Promise<number> {
  const url = `${registryUrl.replace(/\/$/, '')}/subjects/${encodeURIComponent(`${topic}-value`)}/versions`;
  const body = JSON.stringify({ schemaType: 'JSON', schema: transactionJsonSchema() });
  for (let attempt = 1; ; attempt++) {
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/vnd.schemaregistry.v1+json' },
        body,
        signal: AbortSignal.any([signal, AbortSignal.timeout(5000)]),
      });
      const answer = (await response.json()) as { id?: number; message?: string };
      if (response.ok && typeof answer.id === 'number') return answer.id;
      throw new Error(answer.message ?? `HTTP ${response.status}`);
    } catch (error) {
      signal.throwIfAborted();
      if (attempt % 10 === 1) log(`schema registry at ${registryUrl} not ready yet: ${error instanceof Error ? error.message : String(error)}`);
      await sleep(2000, undefined, { signal });
    }
  }
}
