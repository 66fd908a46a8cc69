import type { ProgressEvent } from '../runtime/types.js';
import type { StepResult } from './outcomes.js';
import { emptyProgressBoard, foldProgress, type ProgressBoard } from './progress-board.js';

/** ready: shown, not run yet · running: its action is working · done/failed: its action has finished. */
export type Phase = 'ready' | 'running' | 'done' | 'failed';

export interface TourState {
  /** How many steps this run goes through (all of them, from N onward, or one). */
  stepCount: number;
  index: number;
  phase: Phase;
  /** Grows with every (re)run, so a late answer from an earlier run is ignored. */
  runId: number;
  progress: ProgressBoard;
  result?: StepResult;
  exit?: 'finished' | 'quit';
}

export type TourEvent =
  | { type: 'next' }
  | { type: 'rerun' }
  | { type: 'quit' }
  | { type: 'progress'; runId: number; event: ProgressEvent }
  | { type: 'finished'; runId: number; result: StepResult };

export function initialTourState(stepCount: number, startRunning: boolean): TourState {
  const state: TourState = { stepCount, index: 0, phase: 'ready', runId: 0, progress: emptyProgressBoard };
  return startRunning ? run(state, 0) : state;
}

function run(state: TourState, index: number): TourState {
  return { ...state, index, phase: 'running', runId: state.runId + 1, progress: emptyProgressBoard, result: undefined };
}

export function tourReducer(state: TourState, event: TourEvent): TourState {
  if (state.exit) return state;
  switch (event.type) {
    case 'next':
      if (state.phase === 'ready') return run(state, state.index);
      if (state.phase === 'running') return state;
      if (state.index === state.stepCount - 1) return { ...state, exit: 'finished' };
      return run(state, state.index + 1);
    case 'rerun':
      return state.phase === 'running' ? state : run(state, state.index);
    case 'quit':
      return { ...state, exit: 'quit' };
    case 'progress':
      if (event.runId !== state.runId || state.phase !== 'running') return state;
      return { ...state, progress: foldProgress(state.progress, event.event) };
    case 'finished':
      if (event.runId !== state.runId || state.phase !== 'running') return state;
      return { ...state, phase: event.result.ok ? 'done' : 'failed', result: event.result };
  }
}

/** The keys the tour answers to: Enter, r and q. */
export function keyToEvent(input: string, key: { return?: boolean }): TourEvent | undefined {
  if (key.return) return { type: 'next' };
  if (input === 'r' || input === 'R') return { type: 'rerun' };
  if (input === 'q' || input === 'Q') return { type: 'quit' };
  return undefined;
}
