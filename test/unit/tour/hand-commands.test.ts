import { describe, expect, it } from 'vitest';
import { ACTIONS } from '../../../src/tour/actions/index.js';
import { handCommandsFor, tourCommand } from '../../../src/tour/hand-commands.js';
import { FAKE_ENDPOINTS } from './fake-runtime.js';

const PLATFORM_FILE = '/home/ana/my platform.yaml';
const onPlatform = {
  runtime: { name: 'external' as const, platformFile: PLATFORM_FILE, cannot: { 'control-services': 'not yours', remove: 'not yours' } },
  rate: 2,
  intervalSeconds: 60,
};
const platformEndpoints = { ...FAKE_ENDPOINTS, mysql: { ...FAKE_ENDPOINTS.mysql, password: '', passwordVariable: 'READER_PW' } };

describe('commands by hand on your own platform', () => {
  const shown = Object.values(ACTIONS).flatMap((action) => handCommandsFor(action, onPlatform, platformEndpoints).map((c) => ({ action: action.name, ...c })));
  const ours = shown.filter((c) => c.command.startsWith('slowdata-tour '));

  it('every slowdata-tour command the tour shows carries --platform with the file it runs on', () => {
    expect(ours.map((c) => c.action)).toEqual(expect.arrayContaining(['start-environment', 'compare-engines', 'ask-a-question']));
    for (const { command } of ours) expect(command).toMatch(/ --platform "\/home\/ana\/my platform\.yaml"$/);
    const producing = handCommandsFor(ACTIONS['start-environment'], { ...onPlatform, produce: true, rate: 5 }, platformEndpoints);
    expect(producing[0]?.command).toBe('slowdata-tour up --platform "/home/ana/my platform.yaml" --produce --rate 5');
    expect(ours.find((c) => c.action === 'compare-engines')?.command).toBe('slowdata-tour compare --platform "/home/ana/my platform.yaml"');
  });

  it('steps the platform cannot do show no command (it would only be refused), and no --runtime, --rate or --interval appears', () => {
    expect(shown.map((c) => c.action)).not.toEqual(expect.arrayContaining(['stop-pipeline']));
    for (const name of ['stop-pipeline', 'start-pipeline', 'shut-down'] as const) expect(handCommandsFor(ACTIONS[name], onPlatform, platformEndpoints)).toEqual([]);
    for (const { command } of shown) expect(command).not.toMatch(/--runtime|--rate|--interval/);
  });

  it('the warehouse client reads the file\'s password variable, and the note about "status" showing the password is left out', () => {
    const [warehouse] = handCommandsFor(ACTIONS['query-warehouse'], onPlatform, platformEndpoints);
    expect(warehouse?.command).toContain('MYSQL_PWD="$READER_PW"');
    expect(warehouse?.passwordFrom).toBeUndefined();
  });

  it('on the tour\'s own environment only the commands that start something carry the run\'s flags', () => {
    const local = { runtime: 'local' as const, rate: 4, intervalSeconds: 5 };
    expect(tourCommand('up', local, { starts: true })).toBe('slowdata-tour up --runtime local --rate 4 --interval 5');
    expect(tourCommand('compare', local)).toBe('slowdata-tour compare');
  });
});
