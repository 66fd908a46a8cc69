import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StateStore } from '../state.js';
import type { ServiceName } from '../types.js';

/** Where each piece of the local environment lives under the state home. */
export class LocalLayout {
  constructor(readonly store: StateStore) {}

  get home(): string {
    return this.store.home;
  }

  logFile(name: ServiceName): string {
    return join(this.store.dir('logs'), `${name}.log`);
  }

  dataDir(name: string): string {
    return this.store.dir('data', name);
  }

  get datalakeFile(): string {
    return join(this.dataDir('datalake'), 'transactions.jsonl');
  }

  /** Unix sockets have a ~104-byte path limit; a deep home falls back to a short temp path. */
  get dbSocket(): string {
    const preferred = join(this.dataDir('db'), 'mysqld.sock');
    if (preferred.length < 100) return preferred;
    const digest = createHash('sha256').update(this.home).digest('hex').slice(0, 12);
    return join(tmpdir(), `slowdata-${digest}.sock`);
  }
}
