import { readFileSync } from 'node:fs';
import { basename, dirname, isAbsolute, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import * as z from 'zod';
import { UserError } from '../../common/errors.js';
import type { Endpoints, TlsSettings } from '../../engines/endpoints.js';
import type { MeasureSpec } from '../../engines/measure.js';

/**
 * Your own platform, described in a YAML file (`--platform my-platform.yaml`): where the SQL-on-Kafka
 * server and the warehouse answer, how to log in (passwords only ever from environment variables
 * the file names), and what to measure on each side.
 */

const IDENTIFIER = /^[^\s"`;]+$/;
const identifier = (what: string) => z.string({ error: `expected ${what} (text)` }).trim().min(1, { error: `expected ${what}` }).regex(IDENTIFIER, { error: `expected ${what}: no spaces, quotes or semicolons` });
const variableName = z
  .string({ error: 'expected the name of an environment variable holding the password' })
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, { error: 'expected the name of an environment variable (letters, digits, _), not the password itself' });

const tlsSchema = z
  .object({
    caFile: z.string({ error: 'expected the path of a PEM file with the CA certificate' }).min(1).optional(),
    verify: z.boolean({ error: 'expected true or false' }).default(true),
  })
  .strict();

const measureSchema = z
  .object({
    table: identifier('a table name, optionally schema.table'),
    key: identifier('the column to group by'),
    value: identifier('the column to sum'),
    eventTime: identifier('the event-time column'),
    eventTimeKind: z.enum(['epoch-ms', 'timestamp'], { error: 'expected epoch-ms or timestamp' }).default('epoch-ms'),
    filter: z.string({ error: 'expected a SQL condition (text)' }).trim().min(1).refine((text) => !text.includes(';'), { error: 'expected one SQL condition, without ";"' }).optional(),
  })
  .strict();

const sqlOnKafkaSchema = z
  .object({
    url: z.url({ protocol: /^https?$/, error: 'expected an http:// or https:// URL, e.g. https://trino.example.com:8443' }),
    user: z.string({ error: 'expected a user name' }).min(1).default('slowdata-tour'),
    passwordEnv: variableName.optional(),
    tls: tlsSchema.optional(),
    catalog: identifier('a catalog name').default('kafka'),
    schema: identifier('a schema name').default('default'),
    sessionProperties: z.record(z.string().regex(/^[A-Za-z0-9_.]+$/, { error: 'expected a session property name' }), z.union([z.string(), z.number(), z.boolean()]).transform(String)).optional(),
    measure: measureSchema,
  })
  .strict();

const warehouseSchema = z
  .object({
    host: z.string({ error: 'expected a host name' }).min(1),
    port: z.number({ error: 'expected a port number' }).int({ error: 'expected a whole port number' }).min(1, { error: 'expected a port from 1 to 65535' }).max(65535, { error: 'expected a port from 1 to 65535' }).default(3306),
    user: z.string({ error: 'expected a user name' }).min(1),
    passwordEnv: variableName.optional(),
    database: identifier('a database name'),
    tls: tlsSchema.optional(),
    measure: measureSchema,
  })
  .strict();

const kafkaSchema = z
  .object({
    bootstrap: z.string({ error: 'expected host:port[,host:port…]' }).regex(/^[^\s:,]+:\d+(,[^\s:,]+:\d+)*$/, { error: 'expected host:port[,host:port…]' }),
    topic: identifier('the topic the opt-in generator writes to'),
    sasl: z
      .object({
        mechanism: z.enum(['PLAIN', 'SCRAM-SHA-256', 'SCRAM-SHA-512'], { error: 'expected PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512' }),
        user: z.string({ error: 'expected a user name' }).min(1),
        passwordEnv: variableName,
      })
      .strict()
      .optional(),
    tls: tlsSchema.optional(),
  })
  .strict();

export const platformSchema = z
  .object({
    sqlOnKafka: sqlOnKafkaSchema,
    warehouse: warehouseSchema,
    kafka: kafkaSchema.optional(),
  })
  .strict();

export type PlatformFileData = z.infer<typeof platformSchema>;

export interface Platform {
  /** The file it came from, as given. */
  file: string;
  data: PlatformFileData;
  /** Words the person should see before anything runs (e.g. TLS verification turned off). */
  warnings: string[];
}

export class PlatformFileError extends UserError {}

function issueText(issue: z.core.$ZodIssue, data: unknown): string[] {
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => `field "${[...issue.path, key].join('.')}" is not a known field`);
  }
  const field = issue.path.join('.') || '(the whole file)';
  let parent: unknown = data;
  for (const part of issue.path.slice(0, -1)) parent = parent && typeof parent === 'object' ? (parent as Record<PropertyKey, unknown>)[part as PropertyKey] : undefined;
  const last = issue.path.at(-1);
  const missing = last !== undefined && parent !== null && typeof parent === 'object' && !(String(last) in parent);
  return [missing ? `field "${field}" is missing (${issue.message})` : `field "${field}": ${issue.message}`];
}

function resolveTls(tls: z.infer<typeof tlsSchema> | undefined, base: string): TlsSettings | undefined {
  if (!tls) return undefined;
  return { verify: tls.verify, ...(tls.caFile ? { caFile: isAbsolute(tls.caFile) ? tls.caFile : resolve(base, tls.caFile) } : {}) };
}

/** Reads and checks a platform file; every problem names the file, the field and what is expected. */
export function loadPlatformFile(file: string, env: NodeJS.ProcessEnv = process.env): Platform {
  const name = basename(file);
  const fail = (why: string, tryThis = `fix ${file}`) => new PlatformFileError(`Platform file ${name}: ${why}.`, { tryThis });
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw fail('it cannot be read (does it exist?)', 'give the path of your platform file: --platform my-platform.yaml');
  }
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (error) {
    throw fail(`it is not valid YAML (${(error instanceof Error ? error.message.split('\n')[0] : String(error))?.replace(/:$/, '')})`);
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw fail('it must be a set of fields (sqlOnKafka, warehouse, and optionally kafka)');
  const parsed = platformSchema.safeParse(raw);
  if (!parsed.success) throw fail(parsed.error.issues.flatMap((issue) => issueText(issue, raw)).join('; '));
  const data = parsed.data;
  const base = dirname(resolve(file));
  data.sqlOnKafka.tls = resolveTls(data.sqlOnKafka.tls, base) as typeof data.sqlOnKafka.tls;
  data.warehouse.tls = resolveTls(data.warehouse.tls, base) as typeof data.warehouse.tls;
  if (data.kafka) data.kafka.tls = resolveTls(data.kafka.tls, base) as typeof data.kafka.tls;

  if (data.sqlOnKafka.tls && !data.sqlOnKafka.url.startsWith('https://')) throw fail('field "sqlOnKafka.tls": TLS needs an https:// URL in sqlOnKafka.url');
  for (const [field, tls] of [['sqlOnKafka.tls', data.sqlOnKafka.tls], ['warehouse.tls', data.warehouse.tls], ['kafka.tls', data.kafka?.tls]] as const) {
    if (tls?.caFile) {
      try {
        readFileSync(tls.caFile);
      } catch {
        throw fail(`field "${field}.caFile": the file ${tls.caFile} cannot be read`);
      }
    }
  }
  for (const [field, variable] of [['sqlOnKafka.passwordEnv', data.sqlOnKafka.passwordEnv], ['warehouse.passwordEnv', data.warehouse.passwordEnv], ['kafka.sasl.passwordEnv', data.kafka?.sasl?.passwordEnv]] as const) {
    if (variable !== undefined && env[variable] === undefined) {
      throw fail(`field "${field}" names the environment variable ${variable}, and it is not set`, `export ${variable}=… (the password), then run this again`);
    }
  }
  const warnings: string[] = [];
  for (const [what, tls] of [['SQL on Kafka', data.sqlOnKafka.tls], ['the warehouse', data.warehouse.tls], ['Kafka', data.kafka?.tls]] as const) {
    if (tls && tls.verify === false) warnings.push(`Warning: TLS verification is off for ${what} (${name}): its certificate is not checked, so a server in the middle could read the passwords.`);
  }
  return { file, data, warnings };
}

function measureOf(spec: z.infer<typeof measureSchema>): MeasureSpec {
  return { table: spec.table, key: spec.key, value: spec.value, eventTime: spec.eventTime, eventTimeKind: spec.eventTimeKind, ...(spec.filter ? { filter: spec.filter } : {}) };
}

/** What the engines are given: addresses, login settings (password variables, never passwords) and measures. */
export function platformEndpoints(platform: Platform): Endpoints {
  const { sqlOnKafka, warehouse, kafka } = platform.data;
  return {
    kafka: kafka?.bootstrap ?? '',
    trino: sqlOnKafka.url.replace(/\/+$/, ''),
    mysql: {
      host: warehouse.host,
      port: warehouse.port,
      user: warehouse.user,
      password: '',
      passwordVariable: warehouse.passwordEnv ?? '',
      database: warehouse.database,
      ...(warehouse.tls ? { tls: warehouse.tls } : {}),
    },
    trinoSettings: {
      user: sqlOnKafka.user,
      ...(sqlOnKafka.passwordEnv ? { passwordVariable: sqlOnKafka.passwordEnv } : {}),
      ...(sqlOnKafka.tls ? { tls: sqlOnKafka.tls } : {}),
      catalog: sqlOnKafka.catalog,
      schema: sqlOnKafka.schema,
      ...(sqlOnKafka.sessionProperties ? { sessionProperties: sqlOnKafka.sessionProperties } : {}),
    },
    measure: { warehouse: measureOf(warehouse.measure), kafka: measureOf(sqlOnKafka.measure) },
  };
}
