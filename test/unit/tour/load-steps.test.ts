import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ACTIONS } from '../../../src/tour/actions/index.js';
import { loadSteps, parseStep, StepFileError } from '../../../src/tour/load-steps.js';
import { summarizeSteps } from '../../../src/tour/step-list.js';

const fixtures = join(import.meta.dirname, 'fixtures');

function parseFixture(name: string) {
  const file = join(fixtures, name);
  return () => parseStep(file, readFileSync(file, 'utf8'));
}

describe('the steps/ folder', () => {
  it('holds ten steps, numbered 1 to 10, each naming a known action', async () => {
    const steps = await loadSteps();
    expect(steps.map((s) => s.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    for (const step of steps) {
      expect(ACTIONS[step.action]).toBeDefined();
      expect(step.body.length).toBeGreaterThan(40);
    }
    expect(summarizeSteps(steps).filter((s) => s.live).map((s) => s.number)).toEqual([1, 5, 7, 8, 9]);
  });
});

describe('a broken step file', () => {
  it('names the file and the field when the action is unknown', () => {
    expect(parseFixture('01-unknown-action.md')).toThrow(StepFileError);
    expect(parseFixture('01-unknown-action.md')).toThrow(/Step file 01-unknown-action\.md: field "action"/);
  });

  it('names a missing field', () => {
    expect(parseFixture('01-missing-title.md')).toThrow(/Step file 01-missing-title\.md: field "title": is missing/);
  });

  it('refuses what the action decides (needs, live) and what the file name says (number), naming each field', () => {
    const parse = parseFixture('02-step-with-moved-fields.md');
    expect(parse).toThrow(/field "number": is not allowed here \(the step number is the NN- prefix of the file name\)/);
    expect(parse).toThrow(/field "needs": is not allowed here \(what a step needs comes from its action\)/);
  });

  it('says when there is no front matter at all', () => {
    expect(parseFixture('01-no-front-matter.md')).toThrow(/Step file 01-no-front-matter\.md: it does not start with a front matter block/);
  });

  it('says when the front matter is not YAML', () => {
    expect(parseFixture('01-bad-yaml.md')).toThrow(/Step file 01-bad-yaml\.md: its front matter is not valid YAML/);
  });

  it('says how a step file must be named', () => {
    expect(parseFixture('Step Four.md')).toThrow(/Step file Step Four\.md: its name must be NN-words\.md/);
  });

  it('names the two files sharing a step number', async () => {
    await expect(loadSteps(join(fixtures, 'duplicate-numbers'))).rejects.toThrow(/Step file 01-b\.md: step number 1 is also used by 01-a\.md/);
  });

  it('says where the numbering has a gap', async () => {
    await expect(loadSteps(join(fixtures, 'gap'))).rejects.toThrow(/Step file 03-c\.md: expected step number 2 here/);
  });
});
