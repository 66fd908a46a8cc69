import type { Comparison, EngineName } from '../engines/types.js';
import type { StepAction } from './actions/step-action.js';
import type { StepFailure } from './outcomes.js';

const ENGINE_WORDS: Record<EngineName, string> = { warehouse: 'the warehouse', kafka: 'SQL on Kafka' };

/** Whether a live sample shows what the step's story says (e.g. with the pipeline disabled: the warehouse fails, Kafka answers). */
export function unexpectedSample(action: StepAction, comparison: Comparison): StepFailure | undefined {
  if (!action.expects) return undefined;
  for (const engine of ['warehouse', 'kafka'] as const) {
    const summary = comparison.engines[engine];
    const wanted = action.expects[engine];
    if (wanted === 'answers' && !summary.ok) {
      return { message: `Expected ${ENGINE_WORDS[engine]} to answer, but: ${summary.error ?? 'it failed'}`, logTail: [] };
    }
    if (wanted === 'fails' && summary.ok) {
      return { message: `Expected ${ENGINE_WORDS[engine]} to fail with its services stopped, but it answered.`, logTail: [] };
    }
  }
  return undefined;
}
