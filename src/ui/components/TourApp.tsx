import { Box, Text, useApp } from 'ink';
import { useCallback, useEffect, useMemo, useReducer } from 'react';
import { readyQueries } from '../../engines/ready-queries.js';
import type { KeyHintsInput } from '../../text/key-hints-text.js';
import { stepScreenLines, type StepScreen } from '../../text/step-screen-text.js';
import { stepBodyText } from '../../text/markdown-text.js';
import type { Paint } from '../../text/paint.js';
import { ACTIONS } from '../../tour/actions/index.js';
import { handCommandsFor, type HandCommand } from '../../tour/hand-commands.js';
import { endpointsOf } from '../../tour/outcomes.js';
import { serviceStates } from '../../tour/service-states.js';
import type { Step } from '../../tour/step-schema.js';
import { initialTourState, offersLocalRuntime, TOUR_KEYS, tourReducer, type TourState } from '../../tour/tour-state.js';
import type { TourSession } from '../../tour/tour-session.js';
import { useEnvironmentStatus } from '../hooks/use-environment-status.js';
import { useLiveComparison } from '../hooks/use-live-comparison.js';
import { useStepRun } from '../hooks/use-step-run.js';
import { useTerminalSize } from '../hooks/use-terminal-size.js';
import { useTourKeys } from '../hooks/use-tour-keys.js';
import { QueryPanel } from './QueryPanel.js';
import { StepScreenView } from './StepScreenView.js';

export interface TourAppProps {
  readonly session: TourSession;
  readonly paint: Paint;
  /** Puts text on the clipboard (the terminal's, through OSC 52); says nothing back. */
  readonly copyToClipboard: (text: string) => void;
  /** How often live views ask again; tests shorten it. */
  readonly liveIntervalMs?: number;
}

/** The interactive tour: owns the tour state and the polling, and hands plain data to the views. */
export function TourApp({ session, paint, copyToClipboard, liveIntervalMs }: TourAppProps) {
  const { selected: steps, context } = session;
  const { exit } = useApp();
  const { columns, rows } = useTerminalSize();
  const [state, dispatch] = useReducer(tourReducer, undefined, () =>
    initialTourState(steps.length, { startRunning: session.startAtOnce, resumeIndex: session.resumeIndex }),
  );
  useStepRun(session.runner, steps, state, dispatch);
  // The step that invites a question opens the prompt on its ready queries once it has run.
  const invites = state.phase === 'done' && state.result?.ok === true && state.result.outcome.kind === 'questions';
  useEffect(() => {
    if (invites) dispatch({ type: 'ask', picking: true });
  }, [invites, state.runId]);
  const closeQuestion = useCallback(() => dispatch({ type: 'close-question' }), []);
  useEffect(() => {
    if (!state.switchingRuntime) return;
    void session.useLocalRuntime().then(
      (refused) => dispatch(refused === undefined ? { type: 'rerun' } : { type: 'local-runtime-refused', reason: refused }),
      (error: unknown) => dispatch({ type: 'local-runtime-refused', reason: `the local runtime could not be opened: ${error instanceof Error ? error.message : String(error)}` }),
    );
  }, [state.switchingRuntime, session]);
  const interrupt = useCallback(() => dispatch({ type: 'interrupt' }), []);
  const ready = useMemo(() => readyQueries(), [state.asking]);
  useEffect(() => {
    if (state.exit) exit(state.exit);
  }, [state.exit, exit]);

  const step = steps[state.index] as Step;
  const action = ACTIONS[step.action];
  const byHand: HandCommand[] = state.phase === 'done' || state.phase === 'failed' ? handCommandsFor(action, context, endpointsOf(state.result?.ok ? state.result.outcome : undefined)) : [];
  const keysAvailable = useTourKeys({
    dispatch,
    isActive: state.asking === undefined,
    onCopy: () => {
      const first = byHand[0];
      if (!first) return 'This step has no command to copy.';
      copyToClipboard(first.command);
      return `Copied to the clipboard: ${first.command}`;
    },
  });
  const status = useEnvironmentStatus(context.runtime, action.showsServices === true && !state.exit, liveIntervalMs);
  const liveEndpoints = liveComparisonEndpoints(state);
  const live = useLiveComparison({ sample: session.sample, endpoints: liveEndpoints, intervalMs: liveIntervalMs });
  // Wrapped here rather than by Ink, which would start continuation lines with the breaking space.
  const body = useMemo(() => stepBodyText(step.body, context), [step, context]);
  const isLive = action.showsServices === true || liveEndpoints !== undefined;
  const resume = state.resumeIndex !== undefined ? steps[state.resumeIndex] : undefined;
  const shown = resume ?? step;
  const screen: StepScreen = {
    heading: { number: shown.number, total: session.all.length, title: shown.title, phase: state.phase, live: isLive },
    body,
    offer: resume ? [`Welcome back: the last tour got to step ${resume.number - 1} of ${session.all.length}.`, `Continue at step ${resume.number} (${resume.title}), or start over at step 1.`] : undefined,
    phase: state.phase,
    progress: state.progress,
    result: state.result,
    states: action.showsServices ? serviceStates(status, state.progress, state.phase === 'running') : undefined,
    live: { sample: live.latest, history: live.history },
    intervalSeconds: context.intervalSeconds,
    byHand,
    notice: state.notice,
    keyList: state.help ? TOUR_KEYS : undefined,
    keyHints: state.exit ? undefined : keyHints(state, step, steps, byHand.length > 0),
    keysAvailable,
  };
  if (state.asking) {
    return (
      <Box flexDirection="column">
        <Text>{paint('strong', `Your own question, on both engines · step ${shown.number} of ${session.all.length} waits behind it (Esc returns)`)}</Text>
        <QueryPanel run={session.ask} history={session.queryHistory} readyQueries={ready} onClose={closeQuestion} onInterrupt={interrupt} paint={paint} width={columns - 1} pageSize={Math.max(3, rows - 16)} startPicking={state.asking.picking} />
      </Box>
    );
  }
  // One row is left free: a frame as tall as the terminal would scroll it and leave old lines behind.
  return <StepScreenView lines={stepScreenLines(screen, paint, columns, rows - 1)} />;
}

function keyHints(state: TourState, step: Step, steps: readonly Step[], canCopy: boolean): KeyHintsInput {
  const next = steps[state.index + 1];
  const resume = state.resumeIndex !== undefined ? steps[state.resumeIndex] : undefined;
  return {
    phase: state.phase,
    stepNumber: step.number,
    next: next ? { number: next.number, title: next.title, removesEnvironment: ACTIONS[next.action].removesEnvironment === true } : undefined,
    resume: resume ? { number: resume.number, title: resume.title } : undefined,
    canCopy,
    localRuntime: offersLocalRuntime(state),
  };
}

/** Where the step's live comparison asks, once the step has run and its outcome is one. */
function liveComparisonEndpoints(state: TourState) {
  if (state.phase !== 'done' || !state.result?.ok) return undefined;
  return state.result.outcome.kind === 'comparison' ? state.result.outcome.endpoints : undefined;
}
