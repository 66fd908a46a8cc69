import type { ProgressEvent } from '../runtime/types.js';
import type { StepResult } from './outcomes.js';
import { emptyProgressBoard, foldProgress, type ProgressBoard } from './progress-board.js';

/**
 * offer: asking whether to continue where the last tour stopped · ready: shown, not run yet ·
 * running: its action is working · done/failed: its action has finished.
 */
export type Phase = 'offer' | 'ready' | 'running' | 'done' | 'failed';

export interface TourState {
  /** How many steps this run goes through (all of them, from N onward, or one). */
  stepCount: number;
  index: number;
  phase: Phase;
  /** Grows with every (re)run, so a late answer from an earlier run is ignored. */
  runId: number;
  progress: ProgressBoard;
  result?: StepResult;
  /** In the offer phase: the index of the step the last tour would go on with. */
  resumeIndex?: number;
  /** The list of keys is open. */
  help: boolean;
  /** The SQL prompt is open (/ or the step that invites a question); it takes the keys until closed. */
  asking?: { picking: boolean };
  /** A short word on what a key just did ("Copied: …"), until the next key. */
  notice?: string;
  /** interrupted: Ctrl-C. */
  exit?: 'finished' | 'quit' | 'interrupted';
  /** The user chose to go on with the local runtime; the front end switches, then the step reruns. */
  switchingRuntime?: boolean;
}

export type TourEvent =
  | { type: 'next' }
  | { type: 'rerun' }
  | { type: 'quit' }
  | { type: 'interrupt' }
  | { type: 'start-over' }
  | { type: 'toggle-help' }
  | { type: 'close' }
  | { type: 'copy' }
  /** Go on with the local runtime, when the failed step offers it: the switch happens outside, then the step reruns. */
  | { type: 'use-local-runtime' }
  /** The switch did not happen, and why. */
  | { type: 'local-runtime-refused'; reason: string }
  | { type: 'ask'; picking?: boolean }
  | { type: 'close-question' }
  | { type: 'notice'; text: string }
  | { type: 'progress'; runId: number; event: ProgressEvent }
  | { type: 'finished'; runId: number; result: StepResult };

export interface InitialTourOptions {
  /** Run the first step at once (--step, --from). */
  startRunning?: boolean;
  /** Offer to go on at this step index, where the last tour stopped. */
  resumeIndex?: number;
}

export function initialTourState(stepCount: number, options: InitialTourOptions = {}): TourState {
  const state: TourState = { stepCount, index: 0, phase: 'ready', runId: 0, progress: emptyProgressBoard, help: false };
  if (options.startRunning) return run(state, 0);
  if (options.resumeIndex !== undefined && options.resumeIndex > 0 && options.resumeIndex < stepCount) {
    return { ...state, phase: 'offer', resumeIndex: options.resumeIndex };
  }
  return state;
}

function run(state: TourState, index: number): TourState {
  return { ...state, index, phase: 'running', runId: state.runId + 1, progress: emptyProgressBoard, result: undefined, switchingRuntime: undefined };
}

function step(state: TourState, event: TourEvent): TourState {
  switch (event.type) {
    case 'next':
      if (state.phase === 'offer') return { ...state, phase: 'ready', index: state.resumeIndex ?? 0, resumeIndex: undefined };
      if (state.phase === 'ready') return run(state, state.index);
      if (state.phase === 'running') return state;
      if (state.index === state.stepCount - 1) return { ...state, exit: 'finished' };
      return run(state, state.index + 1);
    case 'start-over':
      return state.phase === 'offer' ? { ...state, phase: 'ready', index: 0, resumeIndex: undefined } : state;
    case 'rerun':
      return state.phase === 'running' || state.phase === 'offer' ? state : run(state, state.index);
    case 'quit':
      return { ...state, exit: 'quit' };
    case 'interrupt':
      return { ...state, exit: 'interrupted' };
    case 'toggle-help':
      return { ...state, help: !state.help };
    case 'close':
      return state.help ? { ...state, help: false } : state;
    case 'ask':
      return state.phase === 'running' ? state : { ...state, asking: { picking: event.picking === true }, help: false };
    case 'close-question':
      return { ...state, asking: undefined };
    case 'copy':
      // Copying happens outside the reducer (it writes to the terminal); its word comes back as a notice.
      return state;
    case 'use-local-runtime':
      // The switch happens outside (it builds a runtime); the step then reruns on it.
      return offersLocalRuntime(state) && !state.switchingRuntime ? { ...state, switchingRuntime: true } : state;
    case 'local-runtime-refused':
      return { ...state, switchingRuntime: undefined, notice: `Not switched: ${event.reason}.` };
    case 'notice':
      return { ...state, notice: event.text };
    case 'progress':
      if (event.runId !== state.runId || state.phase !== 'running') return state;
      return { ...state, progress: foldProgress(state.progress, event.event) };
    case 'finished':
      if (event.runId !== state.runId || state.phase !== 'running') return state;
      return { ...state, phase: event.result.ok ? 'done' : 'failed', result: event.result };
  }
}

/** The step failed in a way the local runtime can get past (Docker images that could not be downloaded). */
export function offersLocalRuntime(state: TourState): boolean {
  return state.phase === 'failed' && state.result?.ok === false && state.result.failure.alternative === 'local-runtime';
}

export function tourReducer(state: TourState, event: TourEvent): TourState {
  if (state.exit) return state;
  const next = step(state, event);
  // A notice lasts until the next key.
  const keyPressed = event.type !== 'progress' && event.type !== 'finished' && event.type !== 'notice' && event.type !== 'local-runtime-refused';
  return keyPressed && next.notice !== undefined ? { ...next, notice: undefined } : next;
}

/** Every key the tour answers to, with what it does: the `?` list and the key hints read from here. */
export const TOUR_KEYS: ReadonlyArray<{ key: string; what: string }> = [
  { key: 'Enter', what: 'run the step shown, then go on to the next' },
  { key: 'r', what: 'run the current step again' },
  { key: 'c', what: "copy the step's command, to run it by hand" },
  { key: '/', what: 'ask your own SQL of both engines (Esc closes the prompt, Tab: ready queries, ↑/↓: history)' },
  { key: 's', what: 'start over, when offered to continue where you stopped' },
  { key: 'l', what: 'go on with the local runtime, when Docker images could not be downloaded' },
  { key: '?', what: 'show or hide this list of keys' },
  { key: 'Esc', what: 'close this list' },
  { key: 'q', what: 'quit (says what is still running and how to remove it)' },
  { key: 'Ctrl-C', what: 'quit at once' },
];

/** The keys the tour answers to, as events. */
export function keyToEvent(input: string, key: { return?: boolean; escape?: boolean; ctrl?: boolean }): TourEvent | undefined {
  if (key.ctrl && input === 'c') return { type: 'interrupt' };
  // Enter pressed before the tour took raw mode (while a first, slow start still loads) arrives as the
  // line feed a cooked terminal makes of it, and Ink names that key "enter", not "return".
  if (key.return || /^[\r\n]+$/.test(input)) return { type: 'next' };
  if (key.escape) return { type: 'close' };
  switch (input.toLowerCase()) {
    case 'r':
      return { type: 'rerun' };
    case 'q':
      return { type: 'quit' };
    case 's':
      return { type: 'start-over' };
    case 'l':
      return { type: 'use-local-runtime' };
    case 'c':
      return { type: 'copy' };
    case '?':
      return { type: 'toggle-help' };
    case '/':
      return { type: 'ask' };
    default:
      return undefined;
  }
}
