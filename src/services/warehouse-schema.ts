import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Connection } from 'mysql2/promise';
import { environmentDir } from '../common/paths.js';

/** The statements of environment/db/schema.sql, the warehouse schema both runtimes use. */
export function schemaStatements(): string[] {
  const text = readFileSync(join(environmentDir, 'db', 'schema.sql'), 'utf8');
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
