import { alignResults } from '../../engines/align-results.js';
import { readyQueries } from '../../engines/ready-queries.js';
import { gateSql } from '../../engines/sql-gate.js';
import { currentEnvironment } from '../../runtime/require-environment.js';
import { tourCommand } from '../hand-commands.js';
import type { AnsweredQuery } from '../outcomes.js';
import type { StepAction } from './step-action.js';

/** Each ready query's time limit here: the step shows them, it does not wait on a slow one. */
const READY_QUERY_TIMEOUT_MS = 20_000;

export const askAQuestion: StepAction = {
  name: 'ask-a-question',
  needs: ['environment-up'],
  suspect: 'trino',
  byHand: (settings) => [{ what: 'your own read-only SQL on both engines', command: tourCommand(`query "${readyQueries()[0]!.sql.replace(/\s+/g, ' ')}"`, settings) }],
  async run(context) {
    const { endpoints } = await currentEnvironment(context.runtime);
    const answers: AnsweredQuery[] = [];
    for (const ready of readyQueries()) {
      const decision = gateSql(ready.sql);
      if (!decision.ok) throw new Error(`a ready query did not pass the read-only gate: ${decision.reason}`);
      const results = await context.engines.adHoc(endpoints, decision, 'both', { timeoutMs: READY_QUERY_TIMEOUT_MS, signal: context.signal });
      answers.push({ title: ready.title, sql: ready.sql, results, sideBySide: alignResults(results) });
    }
    return { kind: 'questions', endpoints, answers };
  },
};
