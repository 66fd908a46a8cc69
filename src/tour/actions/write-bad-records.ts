import { waitFor, WaitTimeoutError } from '../../common/wait.js';
import type { Endpoints } from '../../engines/endpoints.js';
import { BAD_RECORD_KINDS } from '../../services/bad-record-kinds.js';
import { currentEnvironment } from '../../runtime/require-environment.js';
import { mysqlClientCommand, PASSWORD_VARIABLE, tourCommand } from '../hand-commands.js';
import type { BadDataReport } from '../outcomes.js';
import type { TourContext } from '../context.js';
import type { StepAction } from './step-action.js';

/** What the tour writes: a handful of what any producer can send, one of each kind of failure. */
export const TOUR_BAD_KINDS = ['issue-example', 'not-json', 'amount-text', 'amount-nan-string', 'json-array', 'tombstone'] as const;

const EXAMPLE = '{"storeId":"ST-1100","amount":"lots","eventTime":1}';

/** Lines the pipeline sets aside for the records written (a value can hold several lines). */
function linesSetAside(ids: readonly string[]): number {
  return BAD_RECORD_KINDS.filter((kind) => ids.includes(kind.id)).reduce((total, kind) => total + Object.values(kind.expect.rejected).reduce((sum, n) => sum + (n ?? 0), 0), 0);
}

/** Until the pipeline's rejects hold `expected` more lines than before, or its next batches did not come in time. */
async function waitForRejects(context: TourContext, endpoints: Endpoints, before: number, expected: number): Promise<string | undefined> {
  const timeoutMs = (context.intervalSeconds * 2 + 30) * 1000;
  try {
    await waitFor(
      async () => {
        const report = await context.engines.pipelineReport(endpoints.mysql);
        return report.ok && report.report.rejectedTotal >= before + expected;
      },
      { what: 'the pipeline to set the records aside', timeoutMs, intervalMs: 1000, signal: context.signal },
    );
    return undefined;
  } catch (error) {
    if (!(error instanceof WaitTimeoutError)) throw error;
    return `The pipeline had not set them all aside ${Math.round(timeoutMs / 1000)} s later (it loads every ${context.intervalSeconds} s); the live view below shows when it does.`;
  }
}

export const writeBadRecords: StepAction = {
  name: 'write-bad-records',
  needs: ['environment-up'],
  requires: 'write-topic',
  expects: { warehouse: 'answers', kafka: 'answers' },
  byHand: (settings) =>
    settings.endpoints
      ? [
          { what: 'a bad record, with any Kafka client (here kcat)', command: `printf '%s\\n' '${EXAMPLE}' | kcat -P -b ${settings.endpoints.kafka} -t transactions` },
          { what: 'what the pipeline set aside, and why', command: mysqlClientCommand(settings.endpoints, 'SELECT reason, line FROM rejects ORDER BY rejectedat DESC LIMIT 10'), passwordFrom: PASSWORD_VARIABLE },
          { what: 'both engines, with what each set aside', command: tourCommand('compare', settings) },
        ]
      : [],
  async run(context, report) {
    const endpoints = (await currentEnvironment(context.runtime)).endpoints;
    const before = await context.engines.pipelineReport(endpoints.mysql);
    report({ kind: 'note', message: `Writing ${TOUR_BAD_KINDS.length} bad records to the topic transactions, with the project's own Kafka client…` });
    const produced = await context.engines.writeBadRecords(endpoints.kafka, TOUR_BAD_KINDS);
    const expected = linesSetAside(TOUR_BAD_KINDS);
    report({ kind: 'note', message: `Waiting for the pipeline's next batch to set ${expected} lines aside (it loads every ${context.intervalSeconds} s)…` });
    const pipelineLate = before.ok ? await waitForRejects(context, endpoints, before.report.rejectedTotal, expected) : `The pipeline's report could not be read: ${before.error}.`;
    const setAside = await context.engines.recentRejects(endpoints.mysql, expected).catch(() => []);
    const badData: BadDataReport = {
      written: produced.map((record) => ({ label: record.kind.label, where: record.offsets.map((o) => `partition ${o.partition}, offset ${o.offset}`).join('; ') })),
      setAside,
      ...(pipelineLate ? { pipelineLate } : {}),
    };
    return { kind: 'comparison', endpoints, badData };
  },
};
