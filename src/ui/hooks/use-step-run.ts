import { useEffect, type Dispatch } from 'react';
import type { Step } from '../../tour/step-schema.js';
import type { StepRunner } from '../../tour/step-runner.js';
import type { TourEvent, TourState } from '../../tour/tour-state.js';

/** Runs the current step's action each time the tour state starts a new run. */
export function useStepRun(runner: StepRunner, steps: readonly Step[], state: TourState, dispatch: Dispatch<TourEvent>): void {
  const { runId, phase, index } = state;
  useEffect(() => {
    const step = steps[index];
    if (phase !== 'running' || !step) return;
    void runner
      .run(step, (event) => dispatch({ type: 'progress', runId, event }))
      .then((result) => dispatch({ type: 'finished', runId, result }));
    // Only a new run starts work; phase changes within a run must not.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [runId]);
}
