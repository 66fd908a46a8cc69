import type { Endpoints } from '../../engines/endpoints.js';
import type { EnvironmentStatus, Runtime } from '../../runtime/types.js';
import { StepError } from './step-action.js';

/** The running environment's status with its addresses, or a clear error when there is none. */
export async function currentEnvironment(runtime: Runtime): Promise<EnvironmentStatus & { endpoints: Endpoints }> {
  const status = await runtime.status();
  if (!status.exists || !status.endpoints) {
    throw new StepError('No environment is up.', { tryThis: 'run step 1 first: slowdata-tour --step 1' });
  }
  return { ...status, endpoints: status.endpoints };
}

/** The running environment's addresses, or a clear error when there is none. */
export async function currentEndpoints(runtime: Runtime): Promise<Endpoints> {
  return (await currentEnvironment(runtime)).endpoints;
}
