import { Box, useApp, useStdout } from 'ink';
import { useCallback, useEffect, useMemo, useReducer } from 'react';
import type { Runtime } from '../../runtime/types.js';
import { ACTIONS } from '../../tour/actions/index.js';
import type { LiveSample } from '../../tour/live-sample.js';
import type { StepOutcome } from '../../tour/outcomes.js';
import { serviceStates } from '../../tour/service-states.js';
import type { Step } from '../../tour/step-schema.js';
import type { StepRunner } from '../../tour/step-runner.js';
import { initialTourState, tourReducer, type TourState } from '../../tour/tour-state.js';
import { KeyHints } from './KeyHints.js';
import { StepBody } from './StepBody.js';
import { StepContent } from './StepContent.js';
import { StepHeader } from './StepHeader.js';
import { markdownToText, wrapText } from '../../text/markdown-text.js';
import type { KeyHintsInput } from '../../text/key-hints-text.js';
import type { Paint } from '../../text/paint.js';
import { useComparison } from '../hooks/use-comparison.js';
import { useEnvironmentStatus } from '../hooks/use-environment-status.js';
import { useStepRun } from '../hooks/use-step-run.js';
import { useTourKeys } from '../hooks/use-tour-keys.js';

type ComparisonOutcome = Extract<StepOutcome, { kind: 'comparison' }>;

export interface TourAppProps {
  /** The steps of this run (all, one, or from N onward). */
  readonly steps: readonly Step[];
  /** How many steps the tour has in all, for "Step 5 of 8". */
  readonly total: number;
  readonly runner: StepRunner;
  readonly runtime: Runtime;
  readonly sample: (endpoints: ComparisonOutcome['endpoints']) => Promise<LiveSample>;
  readonly intervalSeconds: number;
  readonly rate: number;
  readonly paint: Paint;
  /** Run the first step at once (--step, --from) instead of waiting for Enter. */
  readonly startRunning: boolean;
  /** How often live views ask again; tests shorten it. */
  readonly liveIntervalMs?: number;
}

/** The interactive tour: owns the tour state and the polling, and hands plain data to the views. */
export function TourApp({ steps, total, runner, runtime, sample, intervalSeconds, rate, paint, startRunning, liveIntervalMs }: TourAppProps) {
  const { exit } = useApp();
  const { stdout } = useStdout();
  const columns = stdout.columns ?? 80;
  const [state, dispatch] = useReducer(tourReducer, undefined, () =>
    initialTourState(steps.map(({ number, title, action, live }) => ({ number, title, action, live })), startRunning),
  );
  const keysAvailable = useTourKeys(dispatch);
  useStepRun(runner, steps, state, dispatch);
  useEffect(() => {
    if (state.exit) exit(state.exit);
  }, [state.exit, exit]);

  const step = steps[state.index] as Step;
  const action = ACTIONS[step.action];
  const status = useEnvironmentStatus(runtime, action.showsServices === true && !state.exit, liveIntervalMs);
  const liveOutcome = liveComparisonOf(state, step);
  const sampleNow = useCallback(() => sample((liveOutcome as ComparisonOutcome).endpoints), [liveOutcome, sample]);
  const live = useComparison(liveOutcome ? sampleNow : undefined, liveIntervalMs);
  // Wrapped here rather than by Ink, which would start continuation lines with the breaking space.
  const body = useMemo(() => wrapText(markdownToText(step.body, { interval: `${intervalSeconds} s`, rate: String(rate) }), columns - 1), [step, intervalSeconds, rate, columns]);

  return (
    <Box flexDirection="column">
      <StepHeader heading={{ number: step.number, total, title: step.title, phase: state.phase, live: step.live }} paint={paint} />
      <StepBody text={body} />
      <StepContent
        phase={state.phase}
        progress={state.progress}
        result={state.result}
        states={action.showsServices ? serviceStates(status, state.progress, state.phase === 'running') : undefined}
        live={{ sample: live.latest, history: live.history }}
        intervalSeconds={intervalSeconds}
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
    next: next ? { number: next.number, title: next.title, removesEnvironment: next.action === 'shut-down' } : undefined,
  };
}

function liveComparisonOf(state: TourState, step: Step): ComparisonOutcome | undefined {
  if (!step.live || state.phase !== 'done' || !state.result?.ok) return undefined;
  return state.result.outcome.kind === 'comparison' ? state.result.outcome : undefined;
}
