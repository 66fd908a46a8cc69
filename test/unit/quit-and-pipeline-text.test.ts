import { describe, expect, it } from 'vitest';
import type { EnvironmentStatus, ServiceState } from '../../src/runtime/types.js';
import { SERVICE_NAMES } from '../../src/runtime/types.js';
import { createPaint } from '../../src/text/paint.js';
import { pipelineLines } from '../../src/text/pipeline-text.js';
import { quitNoteLines } from '../../src/text/quit-note-text.js';

const plain = createPaint(false);
const statusOf = (states: Partial<Record<(typeof SERVICE_NAMES)[number], ServiceState>>): EnvironmentStatus => ({
  runtime: 'local',
  exists: true,
  services: SERVICE_NAMES.map((name) => ({ name, state: states[name] ?? 'stopped' })),
});

describe('the quit note', () => {
  it("reports each service's real state: an interrupted start is not 'every service stopped'", () => {
    const [first] = quitNoteLines(statusOf({ db: 'unhealthy', kafka: 'unhealthy' }), plain);
    expect(first).toBe(
      'The environment still exists (local runtime): running but not ready (an interrupted start: "slowdata-tour up" finishes it): db, kafka; stopped: connect, trino, generator, pipeline.',
    );
  });

  it('lists running services first, then the others by state', () => {
    const [first] = quitNoteLines(statusOf({ db: 'running', kafka: 'running', trino: 'starting', connect: 'unhealthy' }), plain);
    expect(first).toBe(
      'Still running (local runtime): db, kafka; still starting: trino; running but not ready (an interrupted start: "slowdata-tour up" finishes it): connect; stopped: generator, pipeline.',
    );
    expect(quitNoteLines(statusOf({}), plain)[0]).toBe('The environment still exists (local runtime), with every service stopped.');
  });
});

describe('pipelineLines', () => {
  const now = Date.UTC(2026, 10, 30, 21, 0, 30);
  it('shows the last batch, and a stall first, with the way back', () => {
    const lines = pipelineLines(
      {
        checkedAt: now - 1000,
        lastBatch: { at: now - 20_000, loaded: 118, duplicates: 0, rejected: 2 },
        rejectedTotal: 5,
        stalled: { since: now - 12_000, kind: 'datalake-replaced', reason: 'The data lake file /h/transactions.jsonl is gone (deleted?); 4200 bytes of it were loaded' },
      },
      plain,
      now,
    );
    expect(lines).toEqual([
      'Pipeline stalled since 21:00:18 UTC (12 s): The data lake file /h/transactions.jsonl is gone (deleted?); 4200 bytes of it were loaded',
      '  Way back: slowdata-tour recover   (rewrites the data lake from Kafka; nothing is loaded twice)',
      "Pipeline's last batch: 21:00:10 UTC (20 s ago): 118 loaded, 2 set aside; 5 set aside in all.",
    ]);
    expect(pipelineLines(null, plain, now)).toEqual([]);
    expect(pipelineLines({ checkedAt: null, lastBatch: null, rejectedTotal: 0, stalled: null }, plain, now)).toEqual(['Pipeline: no batch with records yet; 0 set aside in all.']);
  });
});
