import { waitFor, WaitTimeoutError } from '../../common/wait.js';
import type { Endpoints } from '../../engines/endpoints.js';
import type { VerifyOutcome } from '../../engines/verify.js';
import { verifyWindow } from '../../engines/verify-window.js';
import { PIPELINE_SERVICES } from '../../runtime/types.js';
import { tourCommand } from '../hand-commands.js';
import { currentEnvironment } from '../../runtime/require-environment.js';
import type { TourContext } from '../context.js';
import type { StepAction } from './step-action.js';

/** How far back of now the reconciliation stops: records newer than this may not be loaded yet. */
const MARGIN_SECONDS = 15;

/**
 * Once the warehouse has caught up (its newest record is inside the window the check leaves out),
 * the reconciliation of the records before that window: the measured form of "nothing was lost".
 * Records arrive in order on the topic's one partition and load in that order, so a warehouse
 * holding a record of time T holds every record before it, unless one was lost.
 */
async function verifyOnceCaughtUp(context: TourContext, endpoints: Endpoints): Promise<VerifyOutcome> {
  const windowMs = (context.intervalSeconds + MARGIN_SECONDS) * 1000;
  const timeoutMs = (context.intervalSeconds * 3 + 60) * 1000;
  try {
    await waitFor(
      async () => {
        // Only the warehouse's newest record matters here: no need to ask SQL on Kafka every second.
        const warehouse = await context.engines.queryWarehouse(endpoints.mysql, endpoints.measure?.warehouse, { signal: context.signal });
        return warehouse.ok && warehouse.maxEventTime !== null && warehouse.maxEventTime >= Date.now() - windowMs;
      },
      { what: 'the warehouse to catch up', timeoutMs, intervalMs: 1000, signal: context.signal },
    );
  } catch (error) {
    if (!(error instanceof WaitTimeoutError)) throw error;
    return { ok: false, error: `the warehouse had not caught up ${Math.round(timeoutMs / 1000)} s after the pipeline started again, so nothing was compared`, window: verifyWindow({ drained: false, intervalSeconds: context.intervalSeconds, marginSeconds: MARGIN_SECONDS }) };
  }
  return context.engines.verify(endpoints, verifyWindow({ drained: false, intervalSeconds: context.intervalSeconds, marginSeconds: MARGIN_SECONDS }));
}

export const startPipeline: StepAction = {
  name: 'start-pipeline',
  needs: ['environment-up'],
  byHand: (settings) => [
    { what: 'start the batch path again', command: tourCommand(`start ${PIPELINE_SERVICES.join(' ')}`, settings) },
    { what: 'check, record by record, that nothing was lost', command: tourCommand('verify', settings) },
  ],
  showsServices: true,
  requires: 'control-services',
  expects: { warehouse: 'answers', kafka: 'answers' },
  async run(context, report) {
    await context.runtime.start(PIPELINE_SERVICES, report);
    const endpoints = (await currentEnvironment(context.runtime)).endpoints;
    report({ kind: 'note', message: 'Waiting for the warehouse to catch up, then checking record by record that nothing was lost…' });
    const verified = await verifyOnceCaughtUp(context, endpoints);
    return { kind: 'comparison', endpoints, change: { services: PIPELINE_SERVICES, to: 'started' }, verified };
  },
};
