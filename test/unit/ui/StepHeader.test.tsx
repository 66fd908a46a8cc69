import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { StepHeader } from '../../../src/ui/components/StepHeader.js';
import { createPaint } from '../../../src/text/paint.js';

const paint = createPaint(false);

describe('StepHeader', () => {
  it('names the step, its place in the tour, and its state', () => {
    const { lastFrame } = render(<StepHeader heading={{ number: 3, total: 8, title: 'Query the warehouse', phase: 'running', live: false }} paint={paint} />);
    expect(lastFrame()).toBe('Step 3 of 8 · Query the warehouse  … running');
  });

  it('says a finished live step keeps refreshing', () => {
    const { lastFrame } = render(<StepHeader heading={{ number: 5, total: 8, title: 'Note the difference', phase: 'done', live: true }} paint={paint} />);
    expect(lastFrame()).toBe('Step 5 of 8 · Note the difference  ✓ done · live, refreshing');
  });

  it('marks a failed step', () => {
    const { lastFrame } = render(<StepHeader heading={{ number: 1, total: 8, title: 'Start the environment', phase: 'failed', live: true }} paint={paint} />);
    expect(lastFrame()).toBe('Step 1 of 8 · Start the environment  ✗ failed');
  });
});
