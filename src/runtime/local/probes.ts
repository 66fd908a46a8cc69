import { Admin } from '@platformatic/kafka';
import mysql from 'mysql2/promise';
import { runTrinoQuery } from '../../engines/kafka-sql.js';
import { readFrom } from './processes.js';
import type { MysqlEndpoint } from '../../engines/endpoints.js';

async function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Kafka serves when a metadata request (listing the topics) answers in time. */
export async function kafkaAnswers(bootstrap: string, timeoutMs = 3000): Promise<boolean> {
  const admin = new Admin({ clientId: 'slowdata-probe', bootstrapBrokers: [bootstrap], retries: 0, timeout: timeoutMs });
  try {
    await withTimeout(admin.listTopics(), timeoutMs);
    return true;
  } finally {
    await admin.close().catch(() => undefined);
  }
}

export async function createTopicIfMissing(bootstrap: string, topic: string): Promise<void> {
  const admin = new Admin({ clientId: 'slowdata-setup', bootstrapBrokers: [bootstrap], retries: 3, timeout: 10_000 });
  try {
    const topics = await admin.listTopics();
    if (!topics.includes(topic)) await admin.createTopics({ topics: [topic], partitions: 1, replicas: 1 });
  } finally {
    await admin.close().catch(() => undefined);
  }
}

export async function httpJson(url: string, timeoutMs = 2000): Promise<unknown> {
  const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
  if (!response.ok) throw new Error(`${url} answered HTTP ${response.status}`);
  return response.json();
}

/** Trino's coordinator has started when /v1/info says so (a busy server can take seconds to answer). */
export async function trinoStarted(url: string): Promise<boolean> {
  const info = (await httpJson(`${url}/v1/info`, 5000)) as { starting?: boolean };
  return info.starting === false;
}

/**
 * Trino serves the tour once a query on the topic succeeds: /v1/info says "started" a little
 * before the scheduler has a node to run queries on.
 */
export async function trinoAnswersQueries(url: string): Promise<boolean> {
  if (!(await trinoStarted(url))) return false;
  await runTrinoQuery(url, 'SELECT count(*) FROM transactions');
  return true;
}

/** Connect is ready when the data-lake connector and its task both run. */
export async function connectorRunning(url: string, connector: string): Promise<boolean> {
  const status = (await httpJson(`${url}/connectors/${connector}/status`)) as {
    connector?: { state?: string };
    tasks?: Array<{ state?: string; trace?: string }>;
  };
  const task = status.tasks?.[0];
  if (task?.state === 'FAILED') throw new Error(`the ${connector} task failed: ${task.trace?.split('\n')[0] ?? 'no reason given'}`);
  return status.connector?.state === 'RUNNING' && task?.state === 'RUNNING';
}

export async function mysqlAnswers(endpoint: MysqlEndpoint): Promise<boolean> {
  const connection = await mysql.createConnection({ ...endpoint, connectTimeout: 2000 });
  try {
    await connection.query('SELECT 1');
    return true;
  } finally {
    await connection.end().catch(() => connection.destroy());
  }
}

/** A Node service says "ready:" in its log once it serves. */
export async function loggedReady(logFile: string, offset: number): Promise<boolean> {
  return /\bready:/.test(await readFrom(logFile, offset));
}
