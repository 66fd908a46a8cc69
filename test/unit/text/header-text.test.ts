import { describe, expect, it } from 'vitest';
import { stepHeaderText } from '../../../src/text/header-text.js';
import { createPaint } from '../../../src/text/paint.js';

const paint = createPaint(false);

describe('the step header', () => {
  it('names the step, its place in the tour, and its state', () => {
    expect(stepHeaderText({ number: 3, total: 8, title: 'Query the warehouse', phase: 'running', live: false }, paint)).toBe('Step 3 of 8 · Query the warehouse  … running');
  });

  it('says a finished live step keeps refreshing', () => {
    expect(stepHeaderText({ number: 5, total: 8, title: 'Note the difference', phase: 'done', live: true }, paint)).toBe('Step 5 of 8 · Note the difference  ✓ done · live, refreshing');
  });

  it('marks a failed step', () => {
    expect(stepHeaderText({ number: 1, total: 8, title: 'Start the environment', phase: 'failed', live: true }, paint)).toBe('Step 1 of 8 · Start the environment  ✗ failed');
  });
});
