import { UserError } from '../common/errors.js';
import type { Endpoints } from '../engines/endpoints.js';
import type { EnvironmentStatus, Runtime, RuntimeName } from './types.js';

/** The one way every command and step says that there is nothing to act on. */
export function noEnvironmentError(runtime?: RuntimeName): UserError {
  return new UserError(runtime ? `No environment is up on the ${runtime} runtime.` : 'No environment is up.', {
    tryThis: `slowdata-tour up${runtime ? ` --runtime ${runtime}` : ''}, or step 1 of the tour (slowdata-tour --step 1)`,
  });
}

export type UpEnvironment = EnvironmentStatus & { endpoints: Endpoints };

/** The status of an environment that is up, with its addresses; otherwise noEnvironmentError. */
export function requireUp(status: EnvironmentStatus): UpEnvironment {
  if (!status.exists || !status.endpoints) throw noEnvironmentError();
  return { ...status, endpoints: status.endpoints };
}

/** Asks the runtime, then as requireUp. */
export async function currentEnvironment(runtime: Runtime): Promise<UpEnvironment> {
  return requireUp(await runtime.status());
}
