import { describe, expect, it } from 'vitest';
import { ACTIONS } from '../../../src/tour/actions/index.js';
import type { HandSettings } from '../../../src/tour/hand-commands.js';
import { FAKE_ENDPOINTS } from './fake-runtime.js';

const onPlatform: HandSettings = { runtime: 'external', rate: 2, intervalSeconds: 60, endpoints: FAKE_ENDPOINTS };
const local: HandSettings = { ...onPlatform, runtime: 'local' };

const tourCommandsOf = (settings: HandSettings) =>
  Object.values(ACTIONS)
    .flatMap((action) => action.byHand(settings).map((hand) => ({ action: action.name, command: hand.command })))
    .filter(({ command }) => command.startsWith('slowdata-tour '));

describe('the commands by hand', () => {
  it('on your own platform, every slowdata-tour command names the platform file', () => {
    const commands = tourCommandsOf(onPlatform);
    expect(commands.length).toBeGreaterThanOrEqual(8);
    expect(commands.filter(({ command }) => !command.includes('--platform <your platform file>'))).toEqual([]);
  });

  it('on the tour\'s own environment, only `up` carries the runtime: the state remembers the rest', () => {
    const commands = tourCommandsOf(local);
    expect(commands.filter(({ command }) => command.includes('--platform'))).toEqual([]);
    expect(commands.find(({ action }) => action === 'start-environment')?.command).toBe('slowdata-tour up --runtime local');
    expect(commands.find(({ action }) => action === 'compare-engines')?.command).toBe('slowdata-tour compare');
  });
});
