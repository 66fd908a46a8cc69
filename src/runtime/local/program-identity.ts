import { realpathSync, statSync } from 'node:fs';

/**
 * Names a program by its real path and modification time, for what is kept in the cache on its
 * behalf (class-data archives, data directory templates): an upgraded program gets new ones.
 */
export function programIdentity(path: string): string {
  try {
    const real = realpathSync(path);
    return `${real}@${statSync(real).mtimeMs}`;
  } catch {
    return path;
  }
}
