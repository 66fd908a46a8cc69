import { PIPELINE_SERVICES } from '../../runtime/types.js';
import { tourCommand } from '../hand-commands.js';
import { currentEnvironment } from '../../runtime/require-environment.js';
import type { StepAction } from './step-action.js';

export const stopPipeline: StepAction = {
  name: 'stop-pipeline',
  needs: ['environment-up'],
  byHand: (settings) => [{ what: 'stop the batch path', command: tourCommand(`stop ${PIPELINE_SERVICES.join(' ')}`, settings) }],
  showsServices: true,
  requires: 'control-services',
  expects: { warehouse: 'fails', kafka: 'answers' },
  async run(context, report) {
    await context.runtime.stop(PIPELINE_SERVICES, report);
    const endpoints = (await currentEnvironment(context.runtime)).endpoints;
    return { kind: 'comparison', endpoints, change: { services: PIPELINE_SERVICES, to: 'stopped' } };
  },
};
