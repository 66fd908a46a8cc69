import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Connection } from 'mysql2/promise';
import { environmentDir } from '../common/paths.js';

/** Set by the bundler (src/build/bundle-services.ts) to the schema's text; absent when run from dist/. */
declare const __SLOWDATA_WAREHOUSE_SCHEMA__: string | undefined;

function schemaText(): string {
  if (typeof __SLOWDATA_WAREHOUSE_SCHEMA__ === 'string') return __SLOWDATA_WAREHOUSE_SCHEMA__;
  return readFileSync(join(environmentDir, 'db', 'schema.sql'), 'utf8');
}

/** The statements of environment/db/schema.sql, the warehouse schema both runtimes use. */
export function schemaStatements(): string[] {
  const text = schemaText();
  return text
    .split('\n')
    .filter((line) => !line.trim().startsWith('--'))
    .join('\n')
    .split(';')
    .map((statement) => statement.trim())
    .filter(Boolean);
}

export async function applySchema(connection: Connection): Promise<void> {
  for (const statement of schemaStatements()) await connection.query(statement);
}
