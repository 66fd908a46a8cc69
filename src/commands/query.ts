import { UserError } from '../common/errors.js';
import { runAdHoc, type AdHocResults, type EngineChoice } from '../engines/ad-hoc-query.js';
import { alignResults } from '../engines/align-results.js';
import { gateSql } from '../engines/sql-gate.js';
import { queryCsv, queryJson } from '../text/query-output.js';
import { sideBySideText } from '../text/side-by-side-text.js';
import type { CommandContext } from './context.js';
import { requireUp } from '../runtime/require-environment.js';

/** Rows the text output shows; --json and --csv print every row kept. */
const TEXT_ROWS = 100;

/** Exit codes beyond 0 (every engine asked answered) and 1 (a refusal or any other user error). */
export const QUERY_EXIT = { engineFailed: 2, interrupted: 130 } as const;

/**
 * `slowdata-tour query "SQL"`: one read-only statement on the warehouse, on Kafka, or on both,
 * answered side by side (or as JSON or CSV). Ctrl-C cancels it on the servers before exiting.
 */
export async function query(ctx: CommandContext<{ sql: string; queryEngine: EngineChoice; timeout: number; json: boolean; csv: boolean }>, signals: NodeJS.EventEmitter = process): Promise<number> {
  const { sql, queryEngine, timeout, json, csv } = ctx.options;
  const decision = gateSql(sql);
  if (!decision.ok) {
    throw new UserError(decision.reason, { tryThis: 'slowdata-tour query "SELECT storeid, count(*) FROM transactions GROUP BY storeid ORDER BY storeid"' });
  }
  const runtime = await ctx.runtime();
  const { endpoints } = requireUp(await runtime.status());

  const controller = new AbortController();
  let interrupted = false;
  const onInterrupt = () => {
    interrupted = true;
    controller.abort();
  };
  signals.on('SIGINT', onInterrupt);
  let results: AdHocResults;
  try {
    results = await runAdHoc(endpoints, decision, queryEngine, { timeoutMs: timeout * 1000, signal: controller.signal });
  } finally {
    signals.off('SIGINT', onInterrupt);
  }

  const sideBySide = alignResults(results);
  const failed = Object.entries(results).filter(([, r]) => !r.ok);
  if (json) {
    ctx.out(JSON.stringify(queryJson(sql, results, sideBySide), null, 2));
  } else if (csv) {
    ctx.out(queryCsv(results));
    for (const [engine, result] of failed) if (!result.ok) process.stderr.write(`${engine}: ${result.error}\n`);
  } else {
    const width = process.stdout.columns ?? 160;
    const shown = sideBySideText({ results, sideBySide, page: { size: TEXT_ROWS, index: 0 }, width, paint: ctx.paint });
    ctx.out(shown.text);
    if (shown.pages > 1) ctx.out(ctx.paint('muted', `Only the first ${TEXT_ROWS} rows are shown here; --json or --csv prints them all.`));
  }
  if (interrupted) return QUERY_EXIT.interrupted;
  return failed.length > 0 ? QUERY_EXIT.engineFailed : 0;
}
