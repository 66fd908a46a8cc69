import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package root: the folder holding package.json, steps/ and environment/. */
export const packageRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

export const environmentDir = join(packageRoot, 'environment');
export const stepsDir = join(packageRoot, 'steps');

/** Where the running environment keeps its state, data and logs. Tests point it elsewhere. */
export function stateHome(env: NodeJS.ProcessEnv = process.env): string {
  return env.SLOWDATA_HOME ? resolve(env.SLOWDATA_HOME) : join(homedir(), '.slowdata-tour');
}

/** Where downloaded artifacts are cached: outside any checkout, shared by every state home. */
export function cacheHome(env: NodeJS.ProcessEnv = process.env): string {
  if (env.SLOWDATA_CACHE) return resolve(env.SLOWDATA_CACHE);
  const base = env.XDG_CACHE_HOME ? resolve(env.XDG_CACHE_HOME) : join(homedir(), '.cache');
  return join(base, 'slowdata-tour');
}
