import { UserError } from '../../common/errors.js';
import { isPortOpen } from '../../common/ports.js';
import { kafkaSqlServer, type Endpoints } from '../../engines/endpoints.js';
import { explainKafkaError } from '../../engines/kafka-errors.js';
import { runTrinoQuery } from '../../engines/kafka-sql.js';
import { quoteIdentifier, type MeasureSpec, type SqlDialect } from '../../engines/measure.js';
import { explainWarehouseError, runWarehouseQuery } from '../../engines/warehouse.js';
import type { EnvironmentChoices, EnvironmentStatus, ProgressListener, Runtime, RuntimeAbility, ServiceName, ServiceStatus, UpOptions, UpResult } from '../types.js';
import { loadPlatformFile, platformEndpoints, type Platform } from './platform-file.js';
import { PlatformGenerator } from './platform-generator.js';

/** How long each check of an endpoint may take in `up`. */
export const CHECK_TIMEOUT_MS = 30_000;

const NOT_OURS = 'it is your platform: slowdata-tour only reads it, and never starts, stops or changes anything on it';

/** A statement that reads no rows but fails on a missing table, column or a bad filter. */
export function probeSql(dialect: SqlDialect, spec: MeasureSpec): string {
  const q = (name: string) => quoteIdentifier(dialect, name);
  return `SELECT ${q(spec.key)}, ${q(spec.value)}, ${q(spec.eventTime)} FROM ${q(spec.table)}${spec.filter ? ` WHERE (${spec.filter})` : ''} LIMIT 0`;
}

function urlHostPort(url: string): { host: string; port: number } {
  const parsed = new URL(url);
  return { host: parsed.hostname, port: Number(parsed.port || (parsed.protocol === 'https:' ? 443 : 80)) };
}

/**
 * Your own platform, behind the same interface as the tour's runtimes: `up` checks that each
 * endpoint answers and that the tables and columns exist; nothing is ever started, stopped or
 * changed on it.
 */
export class ExternalRuntime implements Runtime {
  readonly name = 'external' as const;

  /** Your platform is what it is: the optional services and the SQL-on-Kafka server are the tour's own environment's. */
  refuses(choices: EnvironmentChoices): UserError | undefined {
    if (choices.profiles.length === 0 && choices.engine === 'trino') return undefined;
    return new UserError('--with and --engine belong to the tour\'s own environment, not to --platform.', { tryThis: 'leave them out with --platform' });
  }
  readonly cannot: Record<RuntimeAbility, string> = {
    'control-services': `slowdata-tour does not stop or start services on your platform: ${NOT_OURS}`,
    remove: `There is nothing to remove: ${NOT_OURS}`,
    'write-topic': `slowdata-tour does not write test records to your topics: ${NOT_OURS}`,
  };
  readonly endpoints: Endpoints;
  readonly platformFile: string;

  private readonly generator: PlatformGenerator;

  constructor(
    readonly platform: Platform,
    home?: string,
    env: NodeJS.ProcessEnv = process.env,
  ) {
    this.endpoints = platformEndpoints(platform);
    this.platformFile = platform.file;
    this.generator = new PlatformGenerator(platform, home, env);
  }

  /** Each side answers and has the table and columns to measure; every problem in one sentence each. */
  async check(options: { onProgress?: ProgressListener; signal?: AbortSignal } = {}): Promise<string[]> {
    const report = options.onProgress ?? (() => undefined);
    const bounds = { signal: options.signal, timeoutMs: CHECK_TIMEOUT_MS };
    const { mysql, measure } = this.endpoints;
    const server = kafkaSqlServer(this.endpoints);
    const sides: Array<{ service: ServiceName; where: string; run: () => Promise<unknown>; explain: (error: unknown) => string }> = [
      {
        service: 'db',
        where: `the warehouse at ${mysql.host}:${mysql.port}`,
        run: () => runWarehouseQuery(mysql, probeSql('mysql', measure!.warehouse!), bounds),
        explain: (error) => explainWarehouseError(error, mysql),
      },
      {
        service: 'trino',
        where: `SQL on Kafka at ${this.endpoints.trino}`,
        run: () => runTrinoQuery(server, probeSql('trino', measure!.kafka!), bounds),
        explain: (error) => explainKafkaError(error, server),
      },
    ];
    const results = await Promise.all(
      sides.map(async (side) => {
        const began = Date.now();
        report({ kind: 'service', name: side.service, state: 'starting', detail: `checking ${side.where}` });
        try {
          await side.run();
          report({ kind: 'service', name: side.service, state: 'ready', ms: Date.now() - began, detail: `${side.where} answers; table and columns found` });
          report({ kind: 'note', message: `✓ ${side.where} answers; its table and columns are there.` });
          return undefined;
        } catch (error) {
          const sentence = side.explain(error);
          report({ kind: 'service', name: side.service, state: 'failed', detail: sentence });
          report({ kind: 'note', message: `✗ ${sentence}` });
          return sentence.endsWith('.') ? sentence : `${sentence}.`;
        }
      }),
    );
    return results.filter((r): r is string => r !== undefined);
  }

  async up(options: UpOptions): Promise<UpResult> {
    const note = (message: string) => options.onProgress?.({ kind: 'note', message });
    if (options.produce) this.generator.kafka();
    note(`Your platform, from ${this.platform.file}: checking it, read-only.`);
    const problems = await this.check({ onProgress: options.onProgress, signal: options.signal });
    if (problems.length > 0) {
      throw new UserError(problems.join(' '), { tryThis: `fix the platform file ${this.platform.file} (or the platform), then run this again` });
    }
    if (options.produce) await this.generator.start(options.rate, note);
    return { changed: false, endpoints: this.endpoints };
  }

  /** Only the generator the tour started (--produce) can be stopped; nothing else on the platform is the tour's. */
  async stop(names: readonly ServiceName[], onProgress?: ProgressListener): Promise<void> {
    if (names.length === 1 && names[0] === 'generator') {
      const stopped = await this.generator.stop();
      onProgress?.({ kind: 'note', message: stopped ? 'Stopped the generator the tour started on your platform; nothing else there was touched.' : 'The tour runs no generator on your platform; nothing was stopped.' });
      return;
    }
    throw new UserError(this.cannot['control-services'], { tryThis: 'stop services on your platform with its own tools ("stop generator" stops the one the tour started with --produce)' });
  }

  async start(): Promise<void> {
    throw new UserError(this.cannot['control-services'], { tryThis: 'start services on your platform with its own tools' });
  }

  /** Stops the generator the tour started, if it did; nothing else on the platform is touched. */
  async down(onProgress?: ProgressListener): Promise<void> {
    await this.stop(['generator'], onProgress);
  }

  /** Whether each endpoint's port answers (a TCP connect, nothing more); the platform always "exists". */
  async status(): Promise<EnvironmentStatus> {
    const { mysql, trino } = this.endpoints;
    const trinoAddress = urlHostPort(trino);
    const [dbOpen, trinoOpen] = await Promise.all([isPortOpen(mysql.port, mysql.host, 2000), isPortOpen(trinoAddress.port, trinoAddress.host, 2000)]);
    const services: ServiceStatus[] = [
      { name: 'db', state: dbOpen ? 'running' : 'stopped', detail: `your warehouse, ${mysql.host}:${mysql.port}` },
      { name: 'trino', state: trinoOpen ? 'running' : 'stopped', detail: `your SQL on Kafka, ${trino}` },
    ];
    const generator = this.generator.running();
    if (generator) services.push({ name: 'generator', state: 'running', detail: `started by the tour (--produce), pid ${generator.pid}, producing to ${generator.topic} at ${generator.bootstrap}` });
    return { runtime: 'external', exists: true, services, endpoints: this.endpoints };
  }

  async logs(): Promise<string[]> {
    return [];
  }
}

export function openExternalRuntime(file: string, home?: string, env: NodeJS.ProcessEnv = process.env): ExternalRuntime {
  return new ExternalRuntime(loadPlatformFile(file, env), home, env);
}
