import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { UserError } from '../../common/errors.js';
import { packageRoot } from '../../common/paths.js';
import type { StateStore } from '../state.js';

/** The generator's and pipeline's single-file bundles (src/build/bundle-services.ts); they need nothing but Node. */
export const SERVICE_BUNDLES = ['generator.mjs', 'pipeline.mjs'] as const;
export const DEFAULT_BUNDLES_DIR = join(packageRoot, 'dist', 'bundles');

/**
 * What the containers mount lives in one folder under the state home, not in the package:
 *
 *   <state home>/docker/environment/   a copy of the compose file's folder (service configs)
 *   <state home>/docker/dist/bundles/  generator.mjs and pipeline.mjs, nothing else
 *
 * The state home is in the user's home folder, which Docker Desktop, Colima and Rancher
 * Desktop share with their VM by default; the package may be anywhere (npx's cache, a global
 * prefix such as /opt/homebrew/lib, which Docker Desktop does not share: "Mounts denied").
 * The layout mirrors the package's, so the compose file's relative paths (./kafka/...,
 * ../dist/bundles) mean the same in a checkout run by hand and in the copy.
 *
 * Files are rewritten in place only when their content changed: a running container's bind
 * of a file or folder keeps pointing at the same inode.
 */
export function stageContainerFiles(store: StateStore, composeFile: string, bundlesDir: string = DEFAULT_BUNDLES_DIR): string {
  const missing = SERVICE_BUNDLES.filter((bundle) => !existsSync(join(bundlesDir, bundle)));
  if (missing.length > 0) {
    throw new UserError(`The generator and pipeline programs for the containers are missing (${missing.join(', ')} in ${bundlesDir}).`, {
      tryThis: 'in a checkout, run "npm run build"; otherwise reinstall slowdata-tour',
    });
  }
  const root = store.dir('docker');
  const environment = join(root, 'environment');
  copyTree(dirname(composeFile), environment);
  const bundles = join(root, 'dist', 'bundles');
  mkdirSync(bundles, { recursive: true });
  for (const bundle of SERVICE_BUNDLES) copyFileIfChanged(join(bundlesDir, bundle), join(bundles, bundle));
  return join(environment, basename(composeFile));
}

function copyTree(from: string, to: string): void {
  mkdirSync(to, { recursive: true });
  for (const entry of readdirSync(from)) {
    const source = join(from, entry);
    if (statSync(source).isDirectory()) copyTree(source, join(to, entry));
    else copyFileIfChanged(source, join(to, entry));
  }
}

function copyFileIfChanged(source: string, target: string): void {
  const data = readFileSync(source);
  if (existsSync(target) && readFileSync(target).equals(data)) return;
  writeFileSync(target, data, { mode: statSync(source).mode & 0o777 });
}
