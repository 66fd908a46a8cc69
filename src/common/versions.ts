import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as z from 'zod';
import { environmentDir } from './paths.js';

const versionsSchema = z.object({
  kafka: z.string().regex(/^\d+\.\d+\.\d+$/),
  trino: z.string().regex(/^\d+$/),
  mysql: z.string(),
  node: z.string(),
  log4j: z.string(),
  slf4j: z.string(),
});

export type Versions = z.infer<typeof versionsSchema>;

/** The component versions both runtimes use, pinned in environment/versions.json. */
export function loadVersions(): Versions {
  const path = join(environmentDir, 'versions.json');
  return versionsSchema.parse(JSON.parse(readFileSync(path, 'utf8')));
}
