import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { ArchitecturePanel } from '../../../src/ui/components/ArchitecturePanel.js';
import { createPaint } from '../../../src/text/paint.js';

const paint = createPaint(false);

describe('ArchitecturePanel', () => {
  it('draws both paths with every service absent before anything runs', () => {
    const { lastFrame } = render(<ArchitecturePanel states={{}} intervalSeconds={60} paint={paint} columns={100} />);
    expect(lastFrame()).toBe(
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
    const { lastFrame } = render(<ArchitecturePanel states={states} intervalSeconds={5} paint={paint} columns={100} legend={false} />);
    expect(lastFrame()).toBe(
      [
        'batch path   ● generator → ● kafka → ■ connect → data lake → ■ pipeline every 5 s → ■ db (warehouse)',
        'direct path  ● generator → ● kafka → ● trino (SQL on Kafka)',
      ].join('\n'),
    );
  });

  it('shows services on their way up and a failed one', () => {
    const { lastFrame } = render(<ArchitecturePanel states={{ kafka: 'starting', trino: 'unhealthy' }} intervalSeconds={60} paint={paint} columns={140} legend={false} />);
    expect(lastFrame()).toContain('◌ kafka');
    expect(lastFrame()).toContain('✗ trino');
  });

  it('wraps between services on a narrow terminal, never inside one', () => {
    const { lastFrame } = render(<ArchitecturePanel states={{}} intervalSeconds={60} paint={paint} columns={60} legend={false} />);
    const lines = (lastFrame() ?? '').split('\n');
    expect(lines.length).toBeGreaterThan(2);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(60);
    expect(lines[1]).toMatch(/^ {13}\S/);
  });

  it('colours states: green running, red stopped', () => {
    const { lastFrame } = render(<ArchitecturePanel states={{ kafka: 'running', db: 'stopped' }} intervalSeconds={60} paint={createPaint(true)} columns={140} legend={false} />);
    expect(lastFrame()).toContain('\u001B[32m● kafka\u001B[39m');
    expect(lastFrame()).toContain('\u001B[31m■ db\u001B[39m');
  });
});
