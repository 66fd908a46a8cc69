import { explainingFileSystemErrors } from '../common/fs-errors.js';
import { describeHolder } from './state-lock.js';
import type { StateStore } from './state.js';
import type { ProgressListener, Runtime } from './types.js';

/**
 * A runtime whose state-changing commands (up, stop, start, down) take the state home's lock, one
 * at a time, the second waiting with a message. Reading (status, logs) takes nothing. The local
 * runtime locks by itself; this wraps the Docker runtime.
 */
export function lockedRuntime(runtime: Runtime, store: StateStore): Runtime {
  const locked = <T>(command: string, work: () => Promise<T>, onProgress?: ProgressListener, signal?: AbortSignal) =>
    explainingFileSystemErrors(() =>
      store.lock.withLock(command, work, {
        signal,
        onWait: (holder) => onProgress?.({ kind: 'note', message: `Waiting: another slowdata-tour command is changing this environment: ${describeHolder(holder)}.` }),
      }),
    );
  return {
    name: runtime.name,
    refuses: (choices) => runtime.refuses(choices),
    up: (options) => locked('up', () => runtime.up(options), options.onProgress, options.signal),
    stop: (names, onProgress) => locked(`stop ${names.join(' ')}`, () => runtime.stop(names, onProgress), onProgress),
    start: (names, onProgress) => locked(`start ${names.join(' ')}`, () => runtime.start(names, onProgress), onProgress),
    status: () => runtime.status(),
    logs: (name, lines) => runtime.logs(name, lines),
    down: (onProgress) => locked('down', () => runtime.down(onProgress), onProgress),
  };
}
