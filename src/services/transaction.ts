import { checkLine, reasonText, recordSchema } from './validity.js';

/** One record on the transactions topic, as the generator writes it and the pipeline loads it. */
export interface Transaction {
  eventId: string;
  storeId: string;
  /** At most two decimals, 0..1e9 (see validity.ts). */
  amount: number;
  paymentTermCode: string;
  paymentTime: number;
  itemCode: string;
  /** When the record was created, epoch milliseconds: freshness lag is measured from it. */
  eventTime: number;
}

/** The zod schema of a record, generated from the one validity rule in validity.ts. */
export const transactionSchema = recordSchema;

export type ParsedLine = { ok: true; record: Transaction } | { ok: false; reason: string };

/** Parses one data-lake line; a line the validity rule sets aside comes back with "code: detail" as its reason. */
export function parseTransactionLine(line: string): ParsedLine {
  const verdict = checkLine(line);
  if (!verdict.ok) return { ok: false, reason: reasonText(verdict) };
  return { ok: true, record: verdict.record as unknown as Transaction };
}
