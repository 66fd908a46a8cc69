import type { Paint } from './paint.js';
import { CONDITIONS } from '../tour/conditions.js';
import type { Step } from '../tour/step-schema.js';

export function stepListLines(steps: readonly Step[], paint: Paint): string[] {
  const titleWidth = Math.max(...steps.map((s) => s.title.length));
  const lines = steps.map((step) => {
    const needs = step.needs.map((need) => `needs ${CONDITIONS[need].description}`).join(', ');
    const number = String(step.number).padStart(2);
    return `${number}  ${step.title.padEnd(titleWidth)}${needs ? paint('muted', `  ${needs}`) : ''}`.trimEnd();
  });
  return [...lines, '', 'One step alone: slowdata-tour --step N · from a step onward: slowdata-tour --from N'];
}

export function stepListJson(steps: readonly Step[]): object {
  return { steps: steps.map(({ number, title, action, needs, live }) => ({ number, title, action, needs, live })) };
}
