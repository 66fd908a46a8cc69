import { messageOf } from '../common/errors.js';
import type { EnvironmentStatus, Runtime } from '../runtime/types.js';

/** The runtime's status, or the reason it could not be read, for a note that must be written either way. */
export async function readStatusForNote(runtime: Runtime): Promise<EnvironmentStatus | Error> {
  try {
    return await runtime.status();
  } catch (error) {
    return new Error(messageOf(error));
  }
}
