import { describe, expect, it } from 'vitest';
import { architectureLines } from '../../../src/text/architecture-text.js';
import { stateLegend } from '../../../src/text/service-state.js';
import type { ServiceStates } from '../../../src/tour/service-states.js';

function panel({ states, intervalSeconds, columns, legend = true }: { states: ServiceStates; intervalSeconds: number; columns: number; legend?: boolean }): string {
  return [...architectureLines(states, intervalSeconds, paint, columns), ...(legend ? [`${' '.repeat(13)}${stateLegend(paint)}`] : [])].join('\n');
}
import { createPaint } from '../../../src/text/paint.js';

const paint = createPaint(false);


describe('ArchitecturePanel', () => {
  it('draws both paths with every service absent before anything runs', () => {
    const frame = panel({ states: {}, intervalSeconds: 60, columns: 100 });
    expect(frame).toBe(
      [
        'batch path   · generator → · kafka → · connect → data lake → · pipeline every 60 s',
        '             · db (warehouse)',
        'direct path  · generator → · kafka → · trino (SQL on Kafka)',
        '             ● running  ◌ starting  ■ stopped  ✗ unhealthy  · absent',
      ].join('\n'),
    );
  });

  it('shows the pipeline stopped while the direct path runs', () => {
    const states = { generator: 'running', kafka: 'running', connect: 'stopped', trino: 'running', pipeline: 'stopped', db: 'stopped' } as const;
    const frame = panel({ states, intervalSeconds: 5, columns: 100, legend: false });
    expect(frame).toBe(
      [
        'batch path   ● generator → ● kafka → ■ connect → data lake → ■ pipeline every 5 s → ■ db (warehouse)',
        'direct path  ● generator → ● kafka → ● trino (SQL on Kafka)',
      ].join('\n'),
    );
  });

  it('shows services on their way up and a failed one', () => {
    const frame = panel({ states: { kafka: 'starting', trino: 'unhealthy' }, intervalSeconds: 60, columns: 140, legend: false });
    expect(frame).toContain('◌ kafka');
    expect(frame).toContain('✗ trino');
  });

  it('wraps between services on a narrow terminal, never inside one', () => {
    const frame = panel({ states: {}, intervalSeconds: 60, columns: 60, legend: false });
    const lines = (frame ?? '').split('\n');
    expect(lines.length).toBeGreaterThan(2);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(60);
    expect(lines[1]).toMatch(/^ {13}\S/);
  });

  it('colours states: green running, red stopped', () => {
    const frame = architectureLines({ kafka: 'running', db: 'stopped' }, 60, createPaint(true), 140).join('\n');
    expect(frame).toContain('\u001B[32m● kafka\u001B[39m');
    expect(frame).toContain('\u001B[31m■ db\u001B[39m');
  });
});
