import { tourCommand } from '../hand-commands.js';
import { currentEnvironment } from '../../runtime/require-environment.js';
import type { StepAction } from './step-action.js';

export const compareEngines: StepAction = {
  name: 'compare-engines',
  needs: ['environment-up'],
  byHand: (settings) => [{ what: 'both engines, side by side, once', command: tourCommand('compare', settings) }],
  expects: { warehouse: 'answers', kafka: 'answers' },
  async run(context) {
    return { kind: 'comparison', endpoints: (await currentEnvironment(context.runtime)).endpoints };
  },
};
