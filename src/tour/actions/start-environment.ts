import { tourCommand } from '../hand-commands.js';
import type { StepAction } from './step-action.js';

export const startEnvironment: StepAction = {
  name: 'start-environment',
  needs: [],
  byHand: (settings) => [
    { what: 'start the environment', command: tourCommand('up', settings, { starts: true }) },
    { what: 'every service, its state and the endpoints (with the db password)', command: tourCommand('status', settings) },
  ],
  showsServices: true,
  async run(context, report) {
    const refused = context.runtime.refuses(context.choices);
    if (refused) throw refused;
    if (context.runtimeReason) report({ kind: 'note', message: `Runtime: ${context.runtime.name} (${context.runtimeReason}).` });
    const { endpoints, changed } = await context.runtime.up({
      rate: context.rate,
      intervalSeconds: context.intervalSeconds,
      produce: context.produce,
      onProgress: report,
      signal: context.signal,
    });
    return { kind: 'environment', endpoints, changed };
  },
};
