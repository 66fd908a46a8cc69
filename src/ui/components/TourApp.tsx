import { Box, useApp, useStdout } from 'ink';
import { useEffect, useMemo, useReducer } from 'react';
import { stepBodyText } from '../../text/markdown-text.js';
import type { KeyHintsInput } from '../../text/key-hints-text.js';
import type { Paint } from '../../text/paint.js';
import { ACTIONS } from '../../tour/actions/index.js';
import { serviceStates } from '../../tour/service-states.js';
import type { Step } from '../../tour/step-schema.js';
import { initialTourState, tourReducer, type TourState } from '../../tour/tour-state.js';
import type { TourSession } from '../../tour/tour-session.js';
import { useEnvironmentStatus } from '../hooks/use-environment-status.js';
import { useLiveComparison } from '../hooks/use-live-comparison.js';
import { useStepRun } from '../hooks/use-step-run.js';
import { useTourKeys } from '../hooks/use-tour-keys.js';
import { KeyHints } from './KeyHints.js';
import { StepBody } from './StepBody.js';
import { StepContent } from './StepContent.js';
import { StepHeader } from './StepHeader.js';

export interface TourAppProps {
  readonly session: TourSession;
  readonly paint: Paint;
  /** How often live views ask again; tests shorten it. */
  readonly liveIntervalMs?: number;
}

/** The interactive tour: owns the tour state and the polling, and hands plain data to the views. */
export function TourApp({ session, paint, liveIntervalMs }: TourAppProps) {
  const { selected: steps, context } = session;
  const { exit } = useApp();
  const { stdout } = useStdout();
  const columns = stdout.columns ?? 80;
  const [state, dispatch] = useReducer(tourReducer, undefined, () => initialTourState(steps.length, session.startAtOnce));
  const keysAvailable = useTourKeys(dispatch);
  useStepRun(session.runner, steps, state, dispatch);
  useEffect(() => {
    if (state.exit) exit(state.exit);
  }, [state.exit, exit]);

  const step = steps[state.index] as Step;
  const action = ACTIONS[step.action];
  const status = useEnvironmentStatus(context.runtime, action.showsServices === true && !state.exit, liveIntervalMs);
  const liveEndpoints = liveComparisonEndpoints(state);
  const live = useLiveComparison({ sample: session.sample, endpoints: liveEndpoints, intervalMs: liveIntervalMs });
  // Wrapped here rather than by Ink, which would start continuation lines with the breaking space.
  const body = useMemo(() => stepBodyText(step.body, context, columns - 1), [step, context, columns]);
  const isLive = action.showsServices === true || liveEndpoints !== undefined;

  return (
    <Box flexDirection="column">
      <StepHeader heading={{ number: step.number, total: session.all.length, title: step.title, phase: state.phase, live: isLive }} paint={paint} />
      <StepBody text={body} />
      <StepContent
        phase={state.phase}
        progress={state.progress}
        result={state.result}
        states={action.showsServices ? serviceStates(status, state.progress, state.phase === 'running') : undefined}
        live={{ sample: live.latest, history: live.history }}
        intervalSeconds={context.intervalSeconds}
        paint={paint}
        columns={columns}
      />
      {state.exit ? null : <KeyHints hints={keyHints(state, step, steps)} paint={paint} keysAvailable={keysAvailable} />}
    </Box>
  );
}

function keyHints(state: TourState, step: Step, steps: readonly Step[]): KeyHintsInput {
  const next = steps[state.index + 1];
  return {
    phase: state.phase,
    stepNumber: step.number,
    next: next ? { number: next.number, title: next.title, removesEnvironment: ACTIONS[next.action].removesEnvironment === true } : undefined,
  };
}

/** Where the step's live comparison asks, once the step has run and its outcome is one. */
function liveComparisonEndpoints(state: TourState) {
  if (state.phase !== 'done' || !state.result?.ok) return undefined;
  return state.result.outcome.kind === 'comparison' ? state.result.outcome.endpoints : undefined;
}
