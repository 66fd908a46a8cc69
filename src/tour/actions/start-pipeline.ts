import { PIPELINE_SERVICES } from '../../runtime/types.js';
import { tourCommand } from '../hand-commands.js';
import { currentEnvironment } from '../../runtime/require-environment.js';
import type { StepAction } from './step-action.js';

export const startPipeline: StepAction = {
  name: 'start-pipeline',
  needs: ['environment-up'],
  byHand: (settings) => [{ what: 'start the batch path again', command: tourCommand(`start ${PIPELINE_SERVICES.join(' ')}`, settings) }],
  showsServices: true,
  requires: 'control-services',
  expects: { warehouse: 'answers', kafka: 'answers' },
  async run(context, report) {
    await context.runtime.start(PIPELINE_SERVICES, report);
    const endpoints = (await currentEnvironment(context.runtime)).endpoints;
    return { kind: 'comparison', endpoints, change: { services: PIPELINE_SERVICES, to: 'started' } };
  },
};
