#!/usr/bin/env node
/**
 * The batch pipeline: every --interval seconds it loads what the data lake gained into the
 * warehouse, the way the seed demo's pipeline container did once a minute.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import mysql from 'mysql2/promise';
import * as z from 'zod';
import { basename } from 'node:path';
import { DataLakeShrankError, loadNewRecords } from './batch-loader.js';
import { recordRun, recordStall } from './pipeline-status.js';
import { log, parseServiceArgs, stopRequested } from './service-args.js';
import { applySchema } from './warehouse-schema.js';

const PROGRAM = 'pipeline';

const argsSchema = z.object({
  datalake: z.string().min(1),
  interval: z.coerce.number().positive().default(60),
  once: z.boolean().default(false),
  'chunk-bytes': z.coerce.number().int().positive().optional(),
});

const args = parseServiceArgs(PROGRAM, argsSchema, {
  datalake: { type: 'string' },
  interval: { type: 'string' },
  once: { type: 'boolean' },
  'chunk-bytes': { type: 'string' },
});

const dbSchema = z.object({
  SLOWDATA_DB_HOST: z.string().default('127.0.0.1'),
  SLOWDATA_DB_PORT: z.coerce.number().int().positive(),
  SLOWDATA_DB_USER: z.string().min(1),
  SLOWDATA_DB_PASSWORD: z.string(),
  SLOWDATA_DB_NAME: z.string().min(1),
});

const db = dbSchema.safeParse(process.env);
if (!db.success) {
  process.stderr.write(`${PROGRAM}: missing warehouse settings: ${db.error.issues.map((i) => i.path.join('.')).join(', ')}\n`);
  process.exit(2);
}
const settings = db.data;
const { signal } = stopRequested();

async function connect(): Promise<mysql.Connection> {
  const connection = await mysql.createConnection({
    host: settings.SLOWDATA_DB_HOST,
    port: settings.SLOWDATA_DB_PORT,
    user: settings.SLOWDATA_DB_USER,
    password: settings.SLOWDATA_DB_PASSWORD,
    database: settings.SLOWDATA_DB_NAME,
    connectTimeout: 5000,
  });
  await applySchema(connection);
  return connection;
}

async function main(): Promise<void> {
  let connection: mysql.Connection | undefined;
  let ready = false;
  const intervalMs = args.interval * 1000;
  let nextRun = Date.now();
  while (!signal.aborted) {
    if (!connection) {
      try {
        connection = await connect();
      } catch (error) {
        log(PROGRAM, `waiting for the warehouse at ${settings.SLOWDATA_DB_HOST}:${settings.SLOWDATA_DB_PORT}: ${error instanceof Error ? error.message : String(error)}`);
        if (args.once) process.exitCode = 1;
        if (args.once) break;
        await sleep(2000, undefined, { signal }).catch(() => undefined);
        continue;
      }
      if (!ready) {
        log(PROGRAM, `ready: loading ${args.datalake} every ${args.interval} s`);
        ready = true;
      }
    }
    try {
      const batch = await loadNewRecords(connection, args.datalake, { chunkBytes: args['chunk-bytes'] });
      log(PROGRAM, `batch: loaded ${batch.loaded}, duplicates ${batch.duplicates}, rejected ${batch.rejected}, position ${batch.position}`);
      await recordRun(connection, basename(args.datalake), batch).catch((error: unknown) => log(PROGRAM, `could not record the run: ${String(error)}`));
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      log(PROGRAM, `batch failed, will retry at the next interval: ${message}`);
      // Never silent: status, compare and the tour read this.
      const kind = error instanceof DataLakeShrankError ? 'datalake-replaced' : 'batch-failed';
      await recordStall(connection, basename(args.datalake), kind, message).catch(() => undefined);
      if (args.once) process.exitCode = 1;
      await connection?.end().catch(() => connection?.destroy());
      connection = undefined;
    }
    if (args.once) break;
    nextRun += intervalMs;
    const wait = Math.max(0, nextRun - Date.now());
    if (wait === 0) nextRun = Date.now();
    await sleep(wait, undefined, { signal }).catch(() => undefined);
  }
  await connection?.end().catch(() => undefined);
  log(PROGRAM, 'stopped');
}

main().catch((error: unknown) => {
  log(PROGRAM, `failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
