import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ACTIONS } from '../../../src/tour/actions/index.js';
import { loadSteps, parseStep, StepFileError } from '../../../src/tour/load-steps.js';

const fixtures = join(import.meta.dirname, 'fixtures');

function parseFixture(name: string) {
  const file = join(fixtures, name);
  return () => parseStep(file, readFileSync(file, 'utf8'));
}

describe('the steps/ folder', () => {
  it('holds eight steps, numbered 1 to 8, each naming a known action', async () => {
    const steps = await loadSteps();
    expect(steps.map((s) => s.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    for (const step of steps) {
      expect(ACTIONS[step.action]).toBeDefined();
      expect(step.body.length).toBeGreaterThan(40);
    }
    expect(steps.filter((s) => s.live).map((s) => s.number)).toEqual([1, 5, 6, 7]);
  });
});

describe('a broken step file', () => {
  it('names the file and the field when the action is unknown', () => {
    expect(parseFixture('unknown-action.md')).toThrow(StepFileError);
    expect(parseFixture('unknown-action.md')).toThrow(/Step file unknown-action\.md: field "action"/);
  });

  it('names a missing field', () => {
    expect(parseFixture('missing-title.md')).toThrow(/Step file missing-title\.md: field "title": is missing/);
  });

  it('names a field of the wrong type', () => {
    expect(parseFixture('needs-not-a-list.md')).toThrow(/Step file needs-not-a-list\.md: field "needs"/);
  });

  it('says when there is no front matter at all', () => {
    expect(parseFixture('no-front-matter.md')).toThrow(/Step file no-front-matter\.md: it does not start with a front matter block/);
  });

  it('says when the front matter is not YAML', () => {
    expect(parseFixture('bad-yaml.md')).toThrow(/Step file bad-yaml\.md: its front matter is not valid YAML/);
  });

  it('names the two files sharing a step number', async () => {
    await expect(loadSteps(join(fixtures, 'duplicate-numbers'))).rejects.toThrow(/Step file 02-b\.md: field "number": step number 1 is also used by 01-a\.md/);
  });
});
