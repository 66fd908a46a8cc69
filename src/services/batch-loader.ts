import { open, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Connection, ResultSetHeader, RowDataPacket } from 'mysql2/promise';
import { parseTransactionLine, type Transaction } from './transaction.js';

export interface BatchResult {
  /** Records inserted into the warehouse. */
  loaded: number;
  /** Valid records already in the warehouse (the data lake is written at least once, so it can repeat). */
  duplicates: number;
  /** Lines set aside in the rejects table. */
  rejected: number;
  /** Byte offset in the data-lake file the warehouse now holds everything up to. */
  position: number;
}

export interface LoadOptions {
  /** Bytes read per transaction; a run loads chunk after chunk until it has caught up. */
  chunkBytes?: number;
  now?: () => number;
  /** Called between reading the chunk and committing it (tests use it to kill mid-batch). */
  beforeCommit?: () => Promise<void>;
}

const ROWS_PER_INSERT = 1000;
const MAX_KEPT_LINE = 4000;
const MAX_REASON = 1000;

interface Line {
  position: number;
  text: string;
}

/** The data-lake file is shorter than what was loaded from it: it was deleted, replaced or truncated. */
export class DataLakeShrankError extends Error {}

/**
 * Loads what the data-lake file gained since the last committed position. Each chunk is one
 * MySQL transaction holding its rows, its rejects and the new position, so a crash at any point
 * leaves the warehouse at a chunk boundary: the next run resumes there and nothing is lost or doubled.
 */
export async function loadNewRecords(connection: Connection, file: string, options: LoadOptions = {}): Promise<BatchResult> {
  const total: BatchResult = { loaded: 0, duplicates: 0, rejected: 0, position: 0 };
  for (;;) {
    const chunk = await loadOneChunk(connection, file, options);
    total.loaded += chunk.loaded;
    total.duplicates += chunk.duplicates;
    total.rejected += chunk.rejected;
    total.position = chunk.position;
    if (!chunk.more) return total;
  }
}

async function loadOneChunk(connection: Connection, file: string, options: LoadOptions): Promise<BatchResult & { more: boolean }> {
  const source = basename(file);
  const chunkBytes = options.chunkBytes ?? 8 * 1024 * 1024;
  const now = options.now ?? Date.now;
  await connection.beginTransaction();
  try {
    const [positionRows] = await connection.query<RowDataPacket[]>('SELECT position FROM load_position WHERE source = ? FOR UPDATE', [source]);
    const position = Number(positionRows[0]?.position ?? 0);
    const size = await fileSize(file);
    if (size < position) {
      const what = size === 0 && !(await exists(file)) ? 'is gone (deleted?)' : `is ${size} bytes, shorter than the ${position} bytes already loaded: it was replaced or truncated`;
      throw new DataLakeShrankError(`The data lake file ${file} ${what}; ${position} bytes of it were loaded`);
    }
    const { lines, end } = await readCompleteLines(file, position, Math.min(size, position + chunkBytes));
    if (end === position) {
      await connection.rollback();
      return { loaded: 0, duplicates: 0, rejected: 0, position, more: false };
    }
    const valid: Transaction[] = [];
    const rejects: Array<[string, number, string, string, number]> = [];
    for (const line of lines) {
      // Every line counts, an empty one too: it is an empty value or a tombstone on the topic (validity.ts).
      const parsed = parseTransactionLine(line.text);
      if (parsed.ok) valid.push(parsed.record);
      else rejects.push([source, line.position, line.text.slice(0, MAX_KEPT_LINE), parsed.reason.slice(0, MAX_REASON), now()]);
    }
    const loaded = await insertTransactions(connection, valid, now());
    if (rejects.length > 0) {
      await connection.query('INSERT IGNORE INTO rejects (source, position, line, reason, rejectedat) VALUES ?', [rejects]);
    }
    await connection.query(
      'INSERT INTO load_position (source, position, batches, updatedat) VALUES (?, ?, 1, ?) ON DUPLICATE KEY UPDATE position = VALUES(position), batches = batches + 1, updatedat = VALUES(updatedat)',
      [source, end, now()],
    );
    await options.beforeCommit?.();
    await connection.commit();
    return { loaded, duplicates: valid.length - loaded, rejected: rejects.length, position: end, more: end < size };
  } catch (error) {
    await connection.rollback().catch(() => undefined);
    throw error;
  }
}

async function fileSize(file: string): Promise<number> {
  try {
    return (await stat(file)).size;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw error;
  }
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}

/** The complete (newline-terminated) lines between two byte offsets, and where the last one ends. */
async function readCompleteLines(file: string, from: number, to: number): Promise<{ lines: Line[]; end: number }> {
  if (to <= from) return { lines: [], end: from };
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(to - from);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, from);
    const data = buffer.subarray(0, bytesRead);
    const lastNewline = data.lastIndexOf(0x0a);
    if (lastNewline < 0) return { lines: [], end: from };
    const lines: Line[] = [];
    let start = 0;
    while (start <= lastNewline) {
      const newline = data.indexOf(0x0a, start);
      lines.push({ position: from + start, text: data.subarray(start, newline).toString('utf8') });
      start = newline + 1;
    }
    return { lines, end: from + lastNewline + 1 };
  } finally {
    await handle.close();
  }
}

async function insertTransactions(connection: Connection, records: Transaction[], loadedAt: number): Promise<number> {
  let inserted = 0;
  for (let i = 0; i < records.length; i += ROWS_PER_INSERT) {
    const rows = records
      .slice(i, i + ROWS_PER_INSERT)
      .map((r) => [r.eventId, r.storeId, r.amount.toFixed(2), r.paymentTermCode, r.paymentTime, r.itemCode, r.eventTime, loadedAt]);
    const [result] = await connection.query<ResultSetHeader>(
      'INSERT IGNORE INTO transactions (eventid, storeid, amount, paymenttermcode, paymenttime, itemcode, eventtime, loadedat) VALUES ?',
      [rows],
    );
    inserted += result.affectedRows;
  }
  return inserted;
}
