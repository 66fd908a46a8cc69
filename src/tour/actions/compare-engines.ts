import { currentEndpoints } from './endpoints.js';
import type { StepAction } from './step-action.js';

export const compareEngines: StepAction = {
  name: 'compare-engines',
  needs: ['environment-up'],
  expects: { warehouse: 'answers', kafka: 'answers' },
  async run(context) {
    return { kind: 'comparison', endpoints: await currentEndpoints(context.runtime) };
  },
};
