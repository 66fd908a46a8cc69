import { setTimeout as sleep } from 'node:timers/promises';
import { architectureLines } from '../text/architecture-text.js';
import { comparisonSentence, engineTableText, sampleLine, storeTableText } from '../text/comparison-text.js';
import { engineErrorLines, failureLines } from '../text/failure-text.js';
import { formatClock } from '../text/format.js';
import { stepTitleText } from '../text/header-text.js';
import { stepBodyText } from '../text/markdown-text.js';
import { environmentReadyLine, pipelineChangeLine, shutdownLine, skippedLine } from '../text/outcome-text.js';
import type { Paint } from '../text/paint.js';
import { progressEventLine } from '../text/progress-text.js';
import { querySummaryLine, queryTableText, seedFallbackLines } from '../text/query-text.js';
import { badDataLines, setAsideLines } from '../text/bad-data-text.js';
import { verifySummaryLines } from '../text/verify-text.js';
import { extraServiceLines, recordLines } from '../text/records-text.js';
import type { Comparison } from '../engines/types.js';
import type { EnvironmentStatus, ProgressEvent } from '../runtime/types.js';
import { ACTIONS } from '../tour/actions/index.js';
import { unexpectedSample } from '../tour/expectations.js';
import { appendLags, emptyLagHistory } from '../tour/lag-history.js';
import type { LiveSample } from '../tour/live-sample.js';
import { endpointsOf, type StepFailure, type StepOutcome } from '../tour/outcomes.js';
import { handCommandLines } from '../text/hand-commands-text.js';
import { handCommandsFor } from '../tour/hand-commands.js';
import { answeredQueriesLines } from '../text/side-by-side-text.js';
import { emptyProgressBoard } from '../tour/progress-board.js';
import { quitNoteLines } from '../text/quit-note-text.js';
import { summaryLines } from '../text/summary-text.js';
import { pipelineLines } from '../text/pipeline-text.js';
import { readStatusForNote } from '../tour/read-status.js';
import { serviceStates } from '../tour/service-states.js';
import type { TourSession } from '../tour/tour-session.js';
import type { Endpoints } from '../engines/endpoints.js';

export interface PlainTourOptions {
  paint: Paint;
  json: boolean;
  columns: number;
  write: (text: string) => void;
  /** How a live view is sampled without a person watching it. */
  samples?: number;
  sampleIntervalMs?: number;
}

interface StepReport {
  number: number;
  title: string;
  action: string;
  ok: boolean;
  outcome?: StepOutcome;
  failure?: StepFailure;
  samples?: Comparison[];
}

export const PLAIN_SAMPLES = 3;
export const PLAIN_SAMPLE_INTERVAL_MS = 2000;

/** The tour without keys or cursor tricks: each step in order, live views sampled a few times. */
export async function runPlainTour(session: TourSession, options: PlainTourOptions): Promise<number> {
  const { context } = session;
  const { paint, json, columns } = options;
  const say = (...lines: string[]) => {
    if (!json) options.write(`${lines.join('\n')}\n`);
  };
  const reports: StepReport[] = [];
  let exitCode = 0;

  for (const step of session.selected) {
    if (context.signal.aborted) break;
    const action = ACTIONS[step.action];
    say('', stepTitleText({ number: step.number, total: session.all.length, title: step.title }, paint));
    say('', stepBodyText(step.body, context, columns), '');

    const result = await session.runner.run(step, progressPrinter(say, paint));
    const report: StepReport = { number: step.number, title: step.title, action: step.action, ok: result.ok };
    reports.push(report);
    if (!result.ok) {
      report.failure = result.failure;
      say(...failureLines(result.failure, paint, columns));
      exitCode = 1;
      break;
    }
    report.outcome = result.outcome;
    await sayOutcome(result.outcome, session, options, say);
    const byHand = handCommandsFor(action, context, endpointsOf(result.outcome));
    if (byHand.length > 0) say('', ...handCommandLines(byHand, paint), '');

    if (result.outcome.kind === 'comparison') {
      const samples = await sampleLive(result.outcome.endpoints, session, options, say);
      report.samples = samples.map((s) => s.comparison);
      const last = samples.at(-1);
      const unexpected = last && unexpectedSample(action, last.comparison);
      if (unexpected) {
        report.ok = false;
        report.failure = unexpected;
        say(...failureLines(unexpected, paint, columns));
        exitCode = 1;
        break;
      }
    }
    say(result.outcome.kind === 'skipped' ? paint('muted', `↷ Step ${step.number} skipped.`) : paint('healthy', `✓ Step ${step.number} done.`));
  }

  if (context.signal.aborted) {
    say('', 'Interrupted.');
    exitCode = 130;
  } else if (exitCode !== 0) {
    say('', `The tour stopped at the step above; rerun it alone with slowdata-tour --step ${reports.at(-1)?.number ?? 1}.`);
  }
  const status = await readStatusForNote(context.runtime);
  if (json) {
    options.write(`${JSON.stringify({ ok: exitCode === 0, exitCode, steps: reports, summary: session.journal.summary(), environment: environmentSummary(status) }, null, 2)}\n`);
  } else {
    say('', ...summaryLines(session.journal.summary(), session.all.length, paint), ...quitNoteLines(status, paint));
  }
  return exitCode;
}

function progressPrinter(say: (...lines: string[]) => void, paint: Paint): (event: ProgressEvent) => void {
  const downloading = new Set<string>();
  return (event) => {
    // A download may report often; without a cursor to redraw, its start is enough.
    if (event.kind === 'artifact' && event.state === 'downloading') {
      if (downloading.has(event.name)) return;
      downloading.add(event.name);
    }
    say(`  ${progressEventLine(event, paint)}`);
  };
}

async function sayOutcome(outcome: StepOutcome, session: TourSession, options: PlainTourOptions, say: (...lines: string[]) => void): Promise<void> {
  const { paint, columns } = options;
  const { context } = session;
  switch (outcome.kind) {
    case 'environment': {
      const status = await context.runtime.status().catch(() => undefined);
      say('', ...architectureLines(serviceStates(status, emptyProgressBoard), context.intervalSeconds, paint, columns), '', environmentReadyLine(outcome, paint));
      return;
    }
    case 'records':
      say(...recordLines(outcome.records, outcome.at, paint, columns), ...extraServiceLines(outcome.extras, paint));
      return;
    case 'query':
      say(`  ${outcome.sql}`, queryTableText(outcome.engine, outcome.result, paint), querySummaryLine(outcome.result, outcome.at));
      if (outcome.seedFallback) say(...seedFallbackLines(outcome.seedFallback, paint, columns));
      return;
    case 'comparison':
      if (outcome.change) say(pipelineChangeLine(outcome.change, paint));
      if (outcome.badData) say(...badDataLines(outcome.badData, paint, columns));
      if (outcome.verified) say(...verifySummaryLines(outcome.verified, paint));
      return;
    case 'questions':
      say(...answeredQueriesLines(outcome.answers, columns, paint), '', 'Your own question, from a terminal: slowdata-tour query "SELECT …" (or / in the interactive tour).');
      return;
    case 'shutdown':
      say(shutdownLine(outcome, paint));
      return;
    case 'skipped':
      say(skippedLine(outcome, paint));
      return;
  }
}

async function sampleLive(endpoints: Endpoints, session: TourSession, options: PlainTourOptions, say: (...lines: string[]) => void): Promise<LiveSample[]> {
  const { paint, columns } = options;
  const { context } = session;
  const count = options.samples ?? PLAIN_SAMPLES;
  const samples: LiveSample[] = [];
  let history = emptyLagHistory();
  for (let i = 1; i <= count && !context.signal.aborted; i++) {
    if (i > 1) await sleep(options.sampleIntervalMs ?? PLAIN_SAMPLE_INTERVAL_MS, undefined, { signal: context.signal }).catch(() => undefined);
    if (context.signal.aborted) break;
    const sample = await session.sample(endpoints);
    samples.push(sample);
    history = appendLags(history, sample.comparison);
    say(`  sample ${i}/${count} at ${formatClock(sample.comparison.at)} UTC: ${sampleLine(sample.comparison, paint)}`);
  }
  const last = samples.at(-1);
  if (last) {
    say(storeTableText(last.comparison, paint), engineTableText(last.comparison, history, paint, columns), comparisonSentence(last.comparison), ...setAsideLines(last.comparison, paint));
    const pipeline = pipelineLines(last.comparison.pipeline, paint, last.comparison.at);
    if (pipeline.length > 0) say(...pipeline);
    const errors = engineErrorLines(last.comparison, last.logTails, paint, columns);
    if (errors.length > 0) say(...errors);
  }
  return samples;
}

function environmentSummary(status: EnvironmentStatus | Error) {
  if (status instanceof Error) return { error: status.message };
  return { runtime: status.runtime, exists: status.exists, services: status.services.map(({ name, state }) => ({ name, state })) };
}
