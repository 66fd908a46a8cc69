import { PIPELINE_SERVICES } from '../../runtime/types.js';
import { currentEndpoints } from './endpoints.js';
import type { StepAction } from './step-action.js';

export const stopPipeline: StepAction = {
  name: 'stop-pipeline',
  needs: ['environment-up'],
  showsServices: true,
  expects: { warehouse: 'fails', kafka: 'answers' },
  async run(context, report) {
    await context.runtime.stop(PIPELINE_SERVICES, report);
    const endpoints = await currentEndpoints(context.runtime);
    return { kind: 'comparison', endpoints, change: { services: PIPELINE_SERVICES, to: 'stopped' } };
  },
};
