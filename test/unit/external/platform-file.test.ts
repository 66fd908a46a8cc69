import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { measuredSql, quoteIdentifier, shownSql } from '../../../src/engines/measure.js';
import { KAFKA_DECODED_MEASURED_QUERY } from '../../../src/engines/query.js';
import { loadPlatformFile, platformEndpoints } from '../../../src/runtime/external/platform-file.js';

const dir = mkdtempSync(join(tmpdir(), 'slowdata-platform-unit-'));
const GOOD = `sqlOnKafka:
  url: https://trino.example.com:8443
  user: analyst
  passwordEnv: TRINO_PW
  tls: { caFile: ca.pem }
  catalog: kafka
  schema: payments
  sessionProperties: { query_max_run_time: 2m }
  measure: { table: transactions, key: storeid, value: amount, eventTime: eventtime }
warehouse:
  host: db.example.com
  port: 3306
  user: reader
  passwordEnv: DB_PW
  database: warehouse
  measure: { table: sales.transactions, key: store, value: amount, eventTime: happened_at, eventTimeKind: timestamp, filter: "amount > 0" }
`;
const env = { TRINO_PW: 'x', DB_PW: 'y' };

function write(name: string, text: string): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}
writeFileSync(join(dir, 'ca.pem'), '-----BEGIN CERTIFICATE-----\n');

function problem(text: string, environment: NodeJS.ProcessEnv = env): string {
  try {
    loadPlatformFile(write('p.yaml', text), environment);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected the file to be refused');
}

describe('the platform file', () => {
  it('reads a good file into endpoints that hold password variables, never passwords', () => {
    const platform = loadPlatformFile(write('good.yaml', GOOD), env);
    expect(platform.warnings).toEqual([]);
    const endpoints = platformEndpoints(platform);
    expect(endpoints.trinoSettings).toEqual({ user: 'analyst', passwordVariable: 'TRINO_PW', tls: { verify: true, caFile: join(dir, 'ca.pem') }, catalog: 'kafka', schema: 'payments', sessionProperties: { query_max_run_time: '2m' } });
    expect(endpoints.mysql).toEqual({ host: 'db.example.com', port: 3306, user: 'reader', password: '', passwordVariable: 'DB_PW', database: 'warehouse' });
    expect(JSON.stringify(endpoints)).not.toMatch(/"x"|"y"/);
    expect(endpoints.measure?.warehouse).toEqual({ table: 'sales.transactions', key: 'store', value: 'amount', eventTime: 'happened_at', eventTimeKind: 'timestamp', filter: 'amount > 0' });
  });

  it('names the file, the field path and what is expected', () => {
    expect(problem(GOOD.replace('  database: warehouse\n', ''))).toBe('Platform file p.yaml: field "warehouse.database" is missing (expected a database name (text)).');
    expect(problem(GOOD.replace('port: 3306', 'port: 70000'))).toBe('Platform file p.yaml: field "warehouse.port": expected a port from 1 to 65535.');
    expect(problem(GOOD.replace('port: 3306', 'port: "x"'))).toBe('Platform file p.yaml: field "warehouse.port": expected a port number.');
    expect(problem(GOOD.replace('eventTimeKind: timestamp', 'eventTimeKind: seconds'))).toBe('Platform file p.yaml: field "warehouse.measure.eventTimeKind": expected epoch-ms or timestamp.');
    expect(problem(GOOD.replace('user: reader', 'user: reader\n  password: hunter2'))).toBe('Platform file p.yaml: field "warehouse.password" is not a known field.');
    expect(problem(GOOD.replace('url: https://trino.example.com:8443', 'url: trino:8080'))).toMatch(/^Platform file p\.yaml: field "sqlOnKafka\.url": expected an http:\/\/ or https:\/\/ URL/);
    expect(problem(GOOD.replace('filter: "amount > 0"', 'filter: "1=1; DROP TABLE x"'))).toBe('Platform file p.yaml: field "warehouse.measure.filter": expected one SQL condition, without ";".');
    expect(problem(GOOD.replace('passwordEnv: DB_PW', 'passwordEnv: "s3cr3t!"'))).toMatch(/field "warehouse\.passwordEnv": expected the name of an environment variable/);
    expect(problem(GOOD, { TRINO_PW: 'x' })).toBe('Platform file p.yaml: field "warehouse.passwordEnv" names the environment variable DB_PW, and it is not set.');
    expect(problem(GOOD.replace('https://', 'http://'))).toBe('Platform file p.yaml: field "sqlOnKafka.tls": TLS needs an https:// URL in sqlOnKafka.url.');
    expect(problem(GOOD.replace('caFile: ca.pem', 'caFile: missing.pem'))).toBe(`Platform file p.yaml: field "sqlOnKafka.tls.caFile": the file ${join(dir, 'missing.pem')} cannot be read.`);
    expect(problem('sqlOnKafka: [')).toMatch(/^Platform file p\.yaml: it is not valid YAML/);
  });

  it('warns when TLS verification is turned off', () => {
    const platform = loadPlatformFile(write('noverify.yaml', GOOD.replace('tls: { caFile: ca.pem }', 'tls: { verify: false }')), env);
    expect(platform.warnings).toEqual([expect.stringMatching(/^Warning: TLS verification is off for SQL on Kafka/)]);
  });
});

describe('the measured query', () => {
  it('quotes identifiers per dialect, each dotted part apart', () => {
    expect(quoteIdentifier('trino', 'a.b"c')).toBe('"a"."b""c"');
    expect(quoteIdentifier('mysql', 'a.b`c')).toBe('`a`.`b``c`');
  });

  it('has the tour query\'s shape, with both kinds of event time', () => {
    const spec = { table: 'transactions', key: 'storeid', value: 'amount', eventTime: 'eventtime', eventTimeKind: 'epoch-ms' as const };
    expect(measuredSql('trino', spec)).toBe('SELECT "storeid", sum("amount"), count(*), max("eventtime") FROM "transactions" GROUP BY "storeid" ORDER BY "storeid"');
    expect(KAFKA_DECODED_MEASURED_QUERY.replace(/ WHERE .* GROUP/, ' GROUP')).toBe(measuredSql('trino', spec).replaceAll('"', ''));
    expect(measuredSql('mysql', { ...spec, eventTimeKind: 'timestamp', filter: 'amount > 0' })).toBe(
      'SELECT `storeid`, sum(`amount`), count(*), CAST(UNIX_TIMESTAMP(max(`eventtime`)) * 1000 AS SIGNED) FROM `transactions` WHERE (amount > 0) GROUP BY `storeid` ORDER BY `storeid`',
    );
    expect(measuredSql('trino', { ...spec, eventTimeKind: 'timestamp' })).toContain('CAST(to_unixtime(max("eventtime")) * 1000 AS bigint)');
    expect(shownSql('trino', spec)).toBe('SELECT "storeid", sum("amount") FROM "transactions" GROUP BY "storeid" ORDER BY "storeid"');
  });
});
