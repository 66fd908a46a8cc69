import type { StepSummary } from '../tour/step-list.js';
import type { Paint } from './paint.js';

export function stepListLines(steps: readonly StepSummary[], paint: Paint): string[] {
  const titleWidth = Math.max(...steps.map((s) => s.title.length));
  const lines = steps.map((step) => {
    const needs = step.needsInWords.map((need) => `needs ${need}`).join(', ');
    return `${String(step.number).padStart(2)}  ${step.title.padEnd(titleWidth)}${needs ? paint('muted', `  ${needs}`) : ''}`.trimEnd();
  });
  return [...lines, '', 'One step alone: slowdata-tour --step N · from a step onward: slowdata-tour --from N'];
}

/** The step list for scripts (`--list --json`). */
export function stepListJson(steps: readonly StepSummary[]): object {
  return { steps: steps.map(({ number, title, action, needs, live }) => ({ number, title, action, needs, live })) };
}
