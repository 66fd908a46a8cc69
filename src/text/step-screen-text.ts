import stringWidth from 'string-width';
import type { HandCommand } from '../tour/hand-commands.js';
import type { LagHistory } from '../tour/lag-history.js';
import type { LiveSample } from '../tour/live-sample.js';
import type { StepOutcome, StepResult } from '../tour/outcomes.js';
import type { ProgressBoard } from '../tour/progress-board.js';
import type { ServiceStates } from '../tour/service-states.js';
import type { Phase } from '../tour/tour-state.js';
import { architectureLines } from './architecture-text.js';
import { comparisonSentence, engineTableText, storeTableText } from './comparison-text.js';
import { ENGINE_SOURCES, engineLabel } from './engine-label.js';
import { engineErrorLines, failureLines } from './failure-text.js';
import { formatClock } from './format.js';
import { handCommandLines } from './hand-commands-text.js';
import { stepHeaderText, type StepHeading } from './header-text.js';
import { keyHintsText, keyListLines, type KeyHintsInput } from './key-hints-text.js';
import { wrapText } from './markdown-text.js';
import { environmentReadyLine, pipelineChangeLine, shutdownLine, skippedLine } from './outcome-text.js';
import type { Paint } from './paint.js';
import { progressBoardLines } from './progress-text.js';
import { querySummaryLine, queryTableText, seedFallbackLines, seedFallbackShortLine } from './query-text.js';
import type { SeedFallback } from '../engines/kafka-seed.js';
import { badDataLines, badDataSummaryLines, setAsideLines } from './bad-data-text.js';
import { verifyShortLine, verifySummaryLines } from './verify-text.js';
import type { Comparison } from '../engines/types.js';
import { extraServiceLines, recordLines } from './records-text.js';
import { nextBatchText, pipelineLines } from './pipeline-text.js';
import { answeredQueriesLines } from './side-by-side-text.js';
import { firstLineOf, fitToRows, withoutOuterBorder, type ScreenPart } from './screen-fit.js';
import { stateLegend } from './service-state.js';

/** Everything one screen of the interactive tour shows, as plain data. */
export interface StepScreen {
  heading: StepHeading;
  /** The step's text for people, already out of Markdown, not yet wrapped. */
  body: string;
  /** Shown instead of the body when the tour offers to continue where the last one stopped. */
  offer?: string[];
  phase: Phase;
  progress: ProgressBoard;
  result?: StepResult;
  /** Live service states, when the step shows the architecture. */
  states?: ServiceStates;
  live: { sample?: LiveSample; history: LagHistory };
  intervalSeconds: number;
  byHand: readonly HandCommand[];
  notice?: string;
  keyList?: ReadonlyArray<{ key: string; what: string }>;
  /** Undefined once the tour has ended. */
  keyHints?: KeyHintsInput;
  keysAvailable: boolean;
}

const lines = (text: string) => text.split('\n');
const wrapLines = (text: readonly string[], width: number) => text.flatMap((line) => wrapText(line, width).split('\n'));

/**
 * Which part gives way first on a short terminal (lower first): the commands by hand, the
 * colour legend, the step's text down to its first sentence, tables' outer borders, log lines,
 * then the step's text altogether.
 */
const SHRINK = { byHand: 1, legend: 2, bodyToLine: 3, borders: 4, logLines: 5, keyHints: 6, progress: 7, asOf: 8, architecture: 9 } as const;

function architectureParts(screen: StepScreen, paint: Paint, columns: number): ScreenPart[] {
  if (!screen.states) return [];
  const drawing = architectureLines(screen.states, screen.intervalSeconds, paint, columns);
  const legend = `${' '.repeat(13)}${stateLegend(paint)}`;
  return [
    { lines: drawing, smaller: [[]], shrinkOrder: SHRINK.architecture },
    { lines: [legend], smaller: [[]], shrinkOrder: SHRINK.legend },
  ];
}

function progressPart(board: ProgressBoard, paint: Paint): ScreenPart {
  const all = progressBoardLines(board, paint);
  return { lines: all, gapAbove: true, smaller: [all.slice(-3)], shrinkOrder: SHRINK.progress };
}

function tablePart(text: string, gapAbove = false): ScreenPart {
  const table = lines(text);
  return { lines: table, gapAbove, smaller: [withoutOuterBorder(table)], shrinkOrder: SHRINK.borders };
}

/** The live comparison: both sums per store with the delta, per engine its records, lag history and query time, and what it means. */
function comparisonParts(live: StepScreen['live'], paint: Paint, columns: number, intervalSeconds?: number, onSetAside = false): ScreenPart[] {
  const sample = live.sample;
  if (!sample) return [{ lines: [paint('muted', 'Asking both engines…')], gapAbove: true }];
  const { comparison, logTails } = sample;
  const errors = engineErrorLines(comparison, logTails, paint, columns);
  const errorHeads = errors.filter((line) => !line.startsWith(paint('muted', '  ')) && !/^(\u001B\[\d+m)?Last lines of/.test(line));
  return [
    { lines: [paint('muted', `Same query on both, as of ${formatClock(comparison.at)} UTC:`)], gapAbove: true, smaller: [[]], shrinkOrder: SHRINK.asOf },
    tablePart(storeTableText(comparison, paint)),
    tablePart(engineTableText(comparison, live.history, paint, columns)),
    // On the step about bad data, what was set aside matters more than by how much Kafka is ahead.
    { lines: wrapText(comparisonSentence(comparison), columns - 1).split('\n'), ...(onSetAside ? { smaller: [[]], shrinkOrder: SHRINK.logLines } : {}) },
    setAsidePart(comparison, paint, onSetAside),
    { lines: errors, smaller: [errorHeads], shrinkOrder: SHRINK.logLines },
    { lines: pipelineLines(comparison.pipeline, paint, comparison.at, intervalSeconds), smaller: [pipelineLines(comparison.pipeline, paint, comparison.at, intervalSeconds).slice(-1), []], shrinkOrder: SHRINK.logLines },
  ];
}

/** What each engine set aside by the validity rule; on the step about bad data it stays, elsewhere its second line goes first. */
function setAsidePart(comparison: Comparison, paint: Paint, focus: boolean): ScreenPart {
  const lines = setAsideLines(comparison, paint);
  return { lines, smaller: focus ? [lines.slice(0, 1)] : [lines.slice(0, 1), []], shrinkOrder: SHRINK.logLines };
}

/** The live comparison at full size, for plain output and tests. */
export function comparisonLines(live: StepScreen['live'], paint: Paint, columns: number): string[] {
  return comparisonParts(live, paint, columns).flatMap((part) => part.lines);
}

/** Before the warehouse's first batch: when it comes, counting down as the screen refreshes. */
function firstBatchParts(outcome: Extract<StepOutcome, { kind: 'query' }>, intervalSeconds: number, paint: Paint): ScreenPart[] {
  if (outcome.engine !== 'warehouse' || outcome.result.stores.length > 0) return [];
  const next = nextBatchText(outcome.pipeline, intervalSeconds, outcome.at);
  return [{ lines: [paint('starting', next ? `No rows yet: the pipeline's first batch runs in ${next.replace(/^next batch in /, '')}.` : `No rows yet: the pipeline loads a batch every ${intervalSeconds} s.`)] }];
}

/** The seed's query broke on a record: the robust query's text gives way first, then all but one sentence naming the record. */
function fallbackPart(fallback: SeedFallback, paint: Paint, columns: number): ScreenPart {
  const lines = seedFallbackLines(fallback, paint, columns);
  return { lines, gapAbove: true, smaller: [lines.slice(0, -2), [seedFallbackShortLine(fallback, paint)]], shrinkOrder: SHRINK.logLines };
}

function contentParts(screen: StepScreen, paint: Paint, columns: number): ScreenPart[] {
  const { phase, result, progress } = screen;
  const architecture = architectureParts(screen, paint, columns);
  if (phase === 'ready' || phase === 'offer') return architecture;
  if (!result) return [...architecture, progressPart(progress, paint)];
  if (!result.ok) {
    const failure = failureLines(result.failure, paint, columns);
    const sentence = failure.length - (result.failure.logTail.length > 0 ? result.failure.logTail.length + 1 : 0);
    return [...architecture, progressPart(progress, paint), { lines: failure, gapAbove: true, smaller: [failure.slice(0, sentence + 3)], shrinkOrder: SHRINK.logLines }];
  }
  const outcome = result.outcome;
  switch (outcome.kind) {
    case 'environment':
      return [...architecture, progressPart(progress, paint), { lines: [environmentReadyLine(outcome, paint)], gapAbove: true }];
    case 'records':
      return [
        { lines: [paint('muted', `The newest ${outcome.records.length} records on the topic transactions:`)] },
        { lines: recordLines(outcome.records, outcome.at, paint, columns), smaller: [withoutOuterBorder(recordLines(outcome.records, outcome.at, paint, columns))], shrinkOrder: SHRINK.borders },
        { lines: extraServiceLines(outcome.extras, paint) },
      ];
    case 'query':
      return [
        { lines: [`${engineLabel(outcome.engine, paint)} ${paint('muted', `(${ENGINE_SOURCES[outcome.engine]})`)}`, paint('strong', `  ${outcome.sql}`)] },
        tablePart(queryTableText(outcome.engine, outcome.result, paint)),
        { lines: [querySummaryLine(outcome.result, outcome.at)] },
        ...firstBatchParts(outcome, screen.intervalSeconds, paint),
        ...(outcome.seedFallback ? [fallbackPart(outcome.seedFallback, paint, columns)] : []),
      ];
    case 'comparison': {
      const parts: ScreenPart[] = [];
      if (outcome.change) parts.push({ lines: [pipelineChangeLine(outcome.change, paint)] });
      if (outcome.badData) parts.push({ lines: badDataLines(outcome.badData, paint, columns), smaller: [badDataSummaryLines(outcome.badData, paint)], shrinkOrder: SHRINK.logLines });
      if (outcome.verified) parts.push({ lines: verifySummaryLines(outcome.verified, paint), smaller: [[verifyShortLine(outcome.verified, paint)]], shrinkOrder: SHRINK.logLines });
      parts.push(...architecture);
      return [...parts, ...comparisonParts(screen.live, paint, columns, screen.intervalSeconds, outcome.badData !== undefined)];
    }
    case 'questions': {
      const first = answeredQueriesLines(outcome.answers.slice(0, 1), columns, paint);
      return [
        { lines: answeredQueriesLines(outcome.answers, columns, paint), smaller: [first, first.slice(0, 2)], shrinkOrder: SHRINK.borders },
        { lines: [paint('strong', 'Press / to ask your own question: the prompt offers these three (Tab), and keeps your history (↑/↓).')], gapAbove: true },
      ];
    }
    case 'shutdown':
      return [progressPart(progress, paint), { lines: [shutdownLine(outcome, paint)], gapAbove: true }];
    case 'skipped':
      return [{ lines: [skippedLine(outcome, paint)] }];
  }
}

/**
 * One screen of the tour, made to fit the terminal: at most `columns` wide (tables leave columns
 * out, text wraps) and `rows` high (parts shrink in a stated order, see SHRINK).
 */
export function stepScreenLines(screen: StepScreen, paint: Paint, columns: number, rows: number): string[] {
  const width = columns - 1;
  const body = wrapText(screen.body, width).split('\n');
  const top: ScreenPart[] = [{ lines: [stepHeaderText(screen.heading, paint)] }];
  if (screen.offer) {
    top.push({ lines: screen.offer, gapAbove: true });
  } else {
    top.push({ lines: body, gapAbove: true, smaller: [[firstLineOf(screen.body, width)], []], shrinkOrder: SHRINK.bodyToLine });
  }
  // The body's last form (gone) comes only after everything else has given way.
  const bodyPart = top[1]!;
  const parts: ScreenPart[] = [
    ...top,
    ...contentParts(screen, paint, width).map((part, index) => (index === 0 ? { ...part, gapAbove: true } : part)),
    { lines: handCommandLines(screen.byHand, paint), gapAbove: true, smaller: [[]], shrinkOrder: SHRINK.byHand },
  ];
  if (screen.notice) parts.push({ lines: [paint('healthy', screen.notice)] });
  if (screen.keyList) parts.push({ lines: keyListLines(screen.keyList, paint), gapAbove: true });
  if (screen.keyHints) {
    const [hints, shortHints] = screen.keysAvailable
      ? [keyHintsText(screen.keyHints, paint), keyHintsText(screen.keyHints, paint, true)]
      : [paint('muted', 'This terminal cannot read single keys; run with --yes to go through the steps without keys.'), paint('muted', 'No single keys here: run with --yes.')];
    // The keys stay on one line: the short form when the long one would wrap.
    const fitting = stringWidth(hints) <= width ? hints : shortHints;
    parts.push({ lines: [fitting], gapAbove: true, smaller: [[shortHints]], shrinkOrder: SHRINK.keyHints });
  }
  // Every line is counted as the terminal will show it: wrapped to the width.
  const wrapped = parts.map((part) => ({ ...part, lines: wrapLines(part.lines, width), smaller: part.smaller?.map((form) => wrapLines(form, width)) }));
  const fitted = fitToRows(wrapped, rows);
  if (fitted.length <= rows) return fitted;
  const bodyIndex = parts.indexOf(bodyPart);
  return fitToRows(
    wrapped.map((part, index) => (index === bodyIndex ? { ...part, lines: [], smaller: undefined } : part)),
    rows,
  );
}
