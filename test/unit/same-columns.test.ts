import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { environmentDir } from '../../src/common/paths.js';
import { SCHEMA_DIFFERENCES } from '../../src/engines/dialect-notes.js';
import { schemaStatements } from '../../src/services/warehouse-schema.js';

/** Column names and types of the warehouse's transactions table, from environment/db/schema.sql. */
function warehouseColumns(): Array<[string, string]> {
  const create = schemaStatements().find((s) => /CREATE TABLE IF NOT EXISTS transactions\b/.test(s))!;
  return create
    .split('\n')
    .map((line) => /^\s+([a-z_]+)\s+([A-Z]+(?:\(\d+(?:,\d+)?\))?)/.exec(line))
    .filter((m): m is RegExpExecArray => m !== null && m[1] !== 'KEY')
    .map((m) => [m[1]!, m[2]!]);
}

function kafkaColumns(): Array<[string, string]> {
  const table = JSON.parse(readFileSync(join(environmentDir, 'trino', 'kafka-tables', 'transactions.json'), 'utf8')) as { tableName: string; schemaName: string; message: { fields: Array<{ name: string; type: string }> } };
  expect([table.schemaName, table.tableName]).toEqual(['default', 'transactions']);
  return table.message.fields.map((f) => [f.name, f.type]);
}

describe('both engines see transactions with the same column names', () => {
  it('every Kafka column is a warehouse column of the same name; the warehouse adds only loadedat', () => {
    const warehouse = warehouseColumns();
    const kafka = kafkaColumns();
    expect(warehouse.map(([name]) => name).filter((n) => n !== 'loadedat')).toEqual(kafka.map(([name]) => name));
    expect(warehouse.map(([name]) => name)).toContain('loadedat');
  });

  it('differs in the type of amount only, as the notes for people say', () => {
    const warehouse = new Map(warehouseColumns());
    const differing = kafkaColumns().filter(([name, type]) => {
      const other = warehouse.get(name)!;
      return !(other === type || (type === 'VARCHAR' && other.startsWith('VARCHAR')));
    });
    expect(differing).toEqual([['amount', 'DOUBLE']]);
    expect(warehouse.get('amount')).toBe('DECIMAL(12,2)');
    expect(SCHEMA_DIFFERENCES.join(' ')).toContain('amount is DECIMAL(12,2) in the warehouse and DOUBLE on Kafka');
  });
});
