import { z } from 'zod';

/** One record on the transactions topic, as the generator writes it and the pipeline loads it. */
export const transactionSchema = z.object({
  eventId: z.string().min(1).max(64),
  storeId: z.string().min(1).max(32),
  amount: z.number().finite().min(0).max(1e9),
  paymentTermCode: z.string().min(1).max(16),
  paymentTime: z.number().int(),
  itemCode: z.string().min(1).max(32),
  /** When the record was created, epoch milliseconds: freshness lag is measured from it. */
  eventTime: z.number().int().positive(),
});

export type Transaction = z.infer<typeof transactionSchema>;

export type ParsedLine = { ok: true; record: Transaction } | { ok: false; reason: string };

/** Parses one data-lake line; a line that is not JSON or not a valid record comes back with its reason. */
export function parseTransactionLine(line: string): ParsedLine {
  let data: unknown;
  try {
    data = JSON.parse(line);
  } catch (error) {
    return { ok: false, reason: `not JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
  const result = transactionSchema.safeParse(data);
  if (!result.success) {
    return { ok: false, reason: result.error.issues.map((i) => `${i.path.join('.') || 'record'}: ${i.message}`).join('; ') };
  }
  return { ok: true, record: result.data };
}
