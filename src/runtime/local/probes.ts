import { get } from 'node:http';
import { Socket } from 'node:net';
import { KAFKA_MEASURED_QUERY } from '../../engines/query.js';
import { readFrom } from './processes.js';
import type { MysqlEndpoint } from '../../engines/endpoints.js';

// The MySQL and Trino clients are imported where a probe needs them, not with this module: `status`
// and `--help` load the runtime. Kafka is asked without a client at all: loading one takes longer
// than the whole answer should (the goal is 0.3 s), and costs `up` CPU while Trino starts.

/**
 * GET a local service's JSON. node:http rather than fetch: fetch loads Node's bundled undici on
 * first use, about 40 ms of every `status`, for two requests to 127.0.0.1.
 */
export function httpJson(url: string, timeoutMs = 2000): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const request = get(url, { timeout: timeoutMs }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('error', reject);
      response.on('end', () => {
        if ((response.statusCode ?? 0) < 200 || (response.statusCode ?? 0) > 299) {
          reject(new Error(`${url} answered HTTP ${response.statusCode}`));
          return;
        }
        try {
          resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
        } catch (error) {
          reject(error);
        }
      });
    });
    request.on('timeout', () => request.destroy(new Error(`${url} did not answer within ${timeoutMs} ms`)));
    request.on('error', reject);
  });
}

/** Trino's coordinator has started when /v1/info says so (a busy server can take seconds to answer). */
export async function trinoStarted(url: string): Promise<boolean> {
  const info = (await httpJson(`${url}/v1/info`, 5000)) as { starting?: boolean };
  return info.starting === false;
}

/**
 * Trino serves the tour once a query on the topic succeeds: /v1/info says "started" a little
 * before the scheduler has a node to run queries on. The query is the tour's own comparison, so
 * it also warms up what the first comparison runs (planning, the Kafka connector, the JSON decoder).
 */
export async function trinoAnswersQueries(url: string): Promise<boolean> {
  if (!(await trinoStarted(url))) return false;
  const { runTrinoQuery } = await import('../../engines/kafka-sql.js');
  await runTrinoQuery(url, KAFKA_MEASURED_QUERY);
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

/** A Node service says "ready:" in its log once it serves. */
export async function loggedReady(logFile: string, offset: number): Promise<boolean> {
  return /\bready:/.test(await readFrom(logFile, offset));
}

/**
 * One request and its answer over a fresh TCP connection: resolves with the first `minBytes`
 * bytes the server sends back (after writing `request`, if any), rejects on refusal or past `timeoutMs`.
 */
function exchange(host: string, port: number, request: Buffer | undefined, minBytes: number, timeoutMs: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const socket = new Socket();
    let received = Buffer.alloc(0);
    const done = (error?: Error) => {
      socket.destroy();
      if (error) reject(error);
      else resolve(received);
    };
    socket.setTimeout(timeoutMs, () => done(new Error(`no answer from ${host}:${port} within ${timeoutMs} ms`)));
    socket.on('error', done);
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      if (received.length >= minBytes) done();
    });
    socket.on('end', () => done(new Error(`${host}:${port} closed the connection`)));
    socket.connect(port, host, () => {
      if (request) socket.write(request);
    });
  });
}

function hostPort(address: string): { host: string; port: number } {
  const at = address.lastIndexOf(':');
  return { host: address.slice(0, at), port: Number(address.slice(at + 1)) };
}

/**
 * The broker serves, asked without loading a Kafka client: an ApiVersions request (version 0,
 * which every broker answers so clients can negotiate) comes back with its correlation id. A
 * broker answers requests once it has started, so this is its readiness as well as its health.
 */
export async function kafkaBrokerAnswers(bootstrap: string, timeoutMs = 2000): Promise<boolean> {
  const clientId = Buffer.from('slowdata-status');
  const correlationId = 0x51d0;
  const body = Buffer.alloc(2 + 2 + 4 + 2 + clientId.length);
  body.writeInt16BE(18, 0); // ApiVersions
  body.writeInt16BE(0, 2);
  body.writeInt32BE(correlationId, 4);
  body.writeInt16BE(clientId.length, 8);
  clientId.copy(body, 10);
  const size = Buffer.alloc(4);
  size.writeInt32BE(body.length, 0);
  const { host, port } = hostPort(bootstrap);
  const answer = await exchange(host, port, Buffer.concat([size, body]), 8, timeoutMs);
  return answer.readInt32BE(4) === correlationId;
}

/**
 * Health of a running MySQL-compatible server without loading a MySQL client: on connecting, the
 * server greets first, and a greeting of protocol version 10 says it accepts connections.
 */
export async function mysqlGreets(endpoint: Pick<MysqlEndpoint, 'host' | 'port'>, timeoutMs = 2000): Promise<boolean> {
  const greeting = await exchange(endpoint.host, endpoint.port, undefined, 5, timeoutMs);
  // 3 bytes length, 1 byte sequence, then the protocol version (0xff would be an error packet).
  return greeting[4] === 10;
}
