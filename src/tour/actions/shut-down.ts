import { tourCommand } from '../hand-commands.js';
import type { StepAction } from './step-action.js';

export const shutDown: StepAction = {
  name: 'shut-down',
  needs: [],
  byHand: (settings) => [{ what: 'remove the environment', command: tourCommand('down', settings) }],
  removesEnvironment: true,
  requires: 'remove',
  async run(context, report) {
    const status = await context.runtime.status();
    if (!status.exists || context.keep) return { kind: 'shutdown', removed: false, existed: status.exists };
    await context.runtime.down(report);
    return { kind: 'shutdown', removed: true, existed: true };
  },
};
