import { describe, expect, it } from 'vitest';
import { initialTourState, keyToEvent, tourReducer, type TourState } from '../../../src/tour/tour-state.js';
import type { StepResult } from '../../../src/tour/outcomes.js';
import { FAKE_ENDPOINTS } from './fake-runtime.js';

const steps = 2;
const ok: StepResult = { ok: true, outcome: { kind: 'records', endpoints: FAKE_ENDPOINTS, records: [], at: 0, extras: [] } };
const failed: StepResult = { ok: false, failure: { message: 'boom', logTail: [] } };

function finish(state: TourState, result: StepResult = ok): TourState {
  return tourReducer(state, { type: 'finished', runId: state.runId, result });
}

describe('tour state', () => {
  it('waits for Enter on the first step, then runs it', () => {
    const ready = initialTourState(steps);
    expect(ready).toMatchObject({ index: 0, phase: 'ready', runId: 0 });
    expect(tourReducer(ready, { type: 'next' })).toMatchObject({ index: 0, phase: 'running', runId: 1 });
  });

  it('starts running at once when asked (--step, --from)', () => {
    expect(initialTourState(steps, { startRunning: true })).toMatchObject({ phase: 'running', runId: 1 });
  });

  it('ignores Enter and r while a step runs', () => {
    const running = initialTourState(steps, { startRunning: true });
    expect(tourReducer(running, { type: 'next' })).toBe(running);
    expect(tourReducer(running, { type: 'rerun' })).toBe(running);
  });

  it('moves to the next step on Enter once the current one is done, and finishes after the last', () => {
    const first = finish(initialTourState(steps, { startRunning: true }));
    expect(first.phase).toBe('done');
    const second = tourReducer(first, { type: 'next' });
    expect(second).toMatchObject({ index: 1, phase: 'running', runId: 2, result: undefined });
    expect(tourReducer(finish(second), { type: 'next' }).exit).toBe('finished');
  });

  it('reruns the current step on r, after success or failure', () => {
    const failedState = finish(initialTourState(steps, { startRunning: true }), failed);
    expect(failedState.phase).toBe('failed');
    expect(tourReducer(failedState, { type: 'rerun' })).toMatchObject({ index: 0, phase: 'running', runId: 2 });
  });

  it('ignores answers and progress from an earlier run', () => {
    const rerun = tourReducer(finish(initialTourState(steps, { startRunning: true })), { type: 'rerun' });
    expect(tourReducer(rerun, { type: 'finished', runId: 1, result: failed })).toBe(rerun);
    expect(tourReducer(rerun, { type: 'progress', runId: 1, event: { kind: 'note', message: 'old' } })).toBe(rerun);
  });

  it('keeps the latest progress per service', () => {
    let state = initialTourState(steps, { startRunning: true });
    state = tourReducer(state, { type: 'progress', runId: 1, event: { kind: 'service', name: 'kafka', state: 'starting' } });
    state = tourReducer(state, { type: 'progress', runId: 1, event: { kind: 'service', name: 'kafka', state: 'ready', ms: 900 } });
    expect(state.progress.services).toEqual([{ kind: 'service', name: 'kafka', state: 'ready', ms: 900 }]);
  });

  it('quits on q at any time and then ignores everything', () => {
    const quit = tourReducer(initialTourState(steps, { startRunning: true }), { type: 'quit' });
    expect(quit.exit).toBe('quit');
    expect(tourReducer(quit, { type: 'next' })).toBe(quit);
  });

  it('maps every key of the list to an event, and nothing else', () => {
    expect(keyToEvent('', { return: true })).toEqual({ type: 'next' });
    expect(keyToEvent('\n', {})).toEqual({ type: 'next' });
    expect(keyToEvent('\r\n', {})).toEqual({ type: 'next' });
    expect(keyToEvent('n', {})).toBeUndefined();
    expect(keyToEvent('', { escape: true })).toEqual({ type: 'close' });
    expect(keyToEvent('r', {})).toEqual({ type: 'rerun' });
    expect(keyToEvent('q', {})).toEqual({ type: 'quit' });
    expect(keyToEvent('c', {})).toEqual({ type: 'copy' });
    expect(keyToEvent('s', {})).toEqual({ type: 'start-over' });
    expect(keyToEvent('?', {})).toEqual({ type: 'toggle-help' });
    expect(keyToEvent('x', {})).toBeUndefined();
  });

  it('offers to continue where the last tour stopped: Enter goes there, s starts over', () => {
    const offer = initialTourState(8, { resumeIndex: 4 });
    expect(offer).toMatchObject({ phase: 'offer', index: 0, resumeIndex: 4 });
    expect(tourReducer(offer, { type: 'next' })).toMatchObject({ phase: 'ready', index: 4, resumeIndex: undefined });
    expect(tourReducer(offer, { type: 'start-over' })).toMatchObject({ phase: 'ready', index: 0, resumeIndex: undefined });
    expect(tourReducer(offer, { type: 'rerun' })).toBe(offer);
  });

  it('makes no offer past the last step, nor when a step was chosen', () => {
    expect(initialTourState(8, { resumeIndex: 8 }).phase).toBe('ready');
    expect(initialTourState(8, { resumeIndex: 4, startRunning: true }).phase).toBe('running');
  });

  it('opens and closes the list of keys, and keeps a notice only until the next key', () => {
    const open = tourReducer(initialTourState(steps), { type: 'toggle-help' });
    expect(open.help).toBe(true);
    expect(tourReducer(open, { type: 'close' }).help).toBe(false);
    const noticed = tourReducer(open, { type: 'notice', text: 'Copied' });
    expect(noticed.notice).toBe('Copied');
    expect(tourReducer(noticed, { type: 'progress', runId: 0, event: { kind: 'note', message: 'x' } }).notice).toBe('Copied');
    expect(tourReducer(noticed, { type: 'toggle-help' }).notice).toBeUndefined();
  });
});
