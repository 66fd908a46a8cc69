#!/usr/bin/env node
/**
 * The generator: produces transaction records to Kafka at a steady rate, like the seed
 * demo's ShadowTraffic did, without a licence or any external service.
 */
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Admin, Producer, stringSerializers } from '@platformatic/kafka';
import * as z from 'zod';
import { nodeTlsOptions } from '../common/tls.js';
import { kafkaRefusal, refusalLine } from './kafka-refusal.js';
import { RecordFactory } from './record-factory.js';
import { registerValueSchema } from './schema-registry.js';
import { log, parseServiceArgs, stopRequested } from './service-args.js';

const PROGRAM = 'generator';
const MAX_BATCH = 1000;

const argsSchema = z.object({
  bootstrap: z.string().regex(/^[^\s:,]+:\d+(,[^\s:,]+:\d+)*$/, 'expected host:port[,host:port…]'),
  topic: z.string().min(1).default('transactions'),
  rate: z.coerce.number().positive().default(2),
  limit: z.coerce.number().int().min(0).default(0),
  seed: z.coerce.number().int().optional(),
  bulk: z.boolean().default(false),
  /** The state home of the environment it belongs to: unused here, it marks the process as that environment's. */
  home: z.string().optional(),
  /** On someone else's platform: the topic must already be there; the generator never creates one. */
  'existing-topic': z.boolean().default(false),
  /** SASL login; the password comes from SLOWDATA_KAFKA_PASSWORD, never the command line. */
  'sasl-mechanism': z.enum(['PLAIN', 'SCRAM-SHA-256', 'SCRAM-SHA-512']).optional(),
  'sasl-user': z.string().min(1).optional(),
  tls: z.boolean().default(false),
  'tls-ca': z.string().min(1).optional(),
  'tls-no-verify': z.boolean().default(false),
});

const args = parseServiceArgs(PROGRAM, argsSchema, {
  bootstrap: { type: 'string' },
  topic: { type: 'string' },
  rate: { type: 'string' },
  limit: { type: 'string' },
  seed: { type: 'string' },
  bulk: { type: 'boolean' },
  home: { type: 'string' },
  'existing-topic': { type: 'boolean' },
  'sasl-mechanism': { type: 'string' },
  'sasl-user': { type: 'string' },
  tls: { type: 'boolean' },
  'tls-ca': { type: 'string' },
  'tls-no-verify': { type: 'boolean' },
});

const { signal } = stopRequested();
const brokers = args.bootstrap.split(',');
const connection = {
  ...(args.tls ? { tls: nodeTlsOptions({ caFile: args['tls-ca'], verify: !args['tls-no-verify'] }) } : {}),
  ...(args['sasl-mechanism'] ? { sasl: { mechanism: args['sasl-mechanism'], username: args['sasl-user'], password: process.env.SLOWDATA_KAFKA_PASSWORD ?? '' } } : {}),
};
const seed = args.seed ?? randomBytes(4).readUInt32BE(0);
const factory = new RecordFactory(randomBytes(4).toString('hex'), seed);

async function ensureTopic(): Promise<void> {
  const admin = new Admin({ clientId: 'slowdata-generator-admin', bootstrapBrokers: brokers, ...connection });
  try {
    const topics = await admin.listTopics();
    if (!topics.includes(args.topic) && args['existing-topic']) throw new Error(`there is no topic ${args.topic} at ${args.bootstrap}; the generator only writes to a topic that exists there`);
    if (!topics.includes(args.topic)) await admin.createTopics({ topics: [args.topic], partitions: 1, replicas: 1 });
  } finally {
    await admin.close();
  }
}

/** How many records should have been produced by now to keep to the rate (all of them in bulk mode). */
function due(startedAt: number, now: number): number {
  const target = args.bulk ? Number.MAX_SAFE_INTEGER : Math.floor(((now - startedAt) / 1000) * args.rate) + 1;
  return args.limit > 0 ? Math.min(target, args.limit) : target;
}

async function main(): Promise<void> {
  while (!signal.aborted) {
    try {
      await ensureTopic();
      break;
    } catch (error) {
      const refusal = kafkaRefusal(error);
      if (refusal) {
        // A refused login or an untrusted certificate stays so: say it and stop, rather than wait.
        log(PROGRAM, refusalLine(refusal));
        process.exitCode = 1;
        return;
      }
      log(PROGRAM, `waiting for Kafka at ${args.bootstrap}: ${error instanceof Error ? error.message : String(error)}`);
      await sleep(1000, undefined, { signal }).catch(() => undefined);
    }
  }
  const producer = new Producer({
    clientId: 'slowdata-generator',
    bootstrapBrokers: brokers,
    ...connection,
    serializers: stringSerializers,
    idempotent: true,
    retries: 3,
  });
  const registry = process.env.SLOWDATA_SCHEMA_REGISTRY_URL;
  if (registry) {
    // In the background: the records do not wait for the registry.
    registerValueSchema(registry, args.topic, signal, (line) => log(PROGRAM, line)).then(
      (id) => log(PROGRAM, `registered the ${args.topic}-value schema (id ${id}) at ${registry}`),
      () => undefined,
    );
  }
  log(PROGRAM, `ready: producing to ${args.topic} at ${args.bulk ? 'full speed' : `${args.rate}/s`} (seed ${seed})`);
  const startedAt = Date.now();
  let lastReport = startedAt;
  let sent = 0;
  const tickMs = args.bulk ? 0 : Math.max(20, Math.min(250, 1000 / args.rate));
  try {
    while (!signal.aborted) {
      const now = Date.now();
      const count = Math.min(MAX_BATCH, due(startedAt, now) - sent);
      if (count > 0) {
        const messages = Array.from({ length: count }, () => ({ topic: args.topic, value: JSON.stringify(factory.next(now)) }));
        try {
          await producer.send({ messages });
          sent += count;
        } catch (error) {
          log(PROGRAM, `could not produce ${count} record(s), will keep trying: ${error instanceof Error ? error.message : String(error)}`);
          await sleep(1000, undefined, { signal }).catch(() => undefined);
        }
      }
      if (now - lastReport >= 10_000) {
        log(PROGRAM, `produced ${sent} records`);
        lastReport = now;
      }
      if (args.limit > 0 && sent >= args.limit) {
        log(PROGRAM, `limit reached: produced ${sent} records`);
        break;
      }
      if (tickMs > 0) await sleep(tickMs, undefined, { signal }).catch(() => undefined);
    }
  } finally {
    await producer.close().catch(() => undefined);
    log(PROGRAM, `stopped after ${sent} records`);
  }
}

main().catch((error: unknown) => {
  log(PROGRAM, `failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
