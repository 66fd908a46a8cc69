import { Box, Text } from 'ink';
import type { LagHistory } from '../../tour/lag-history.js';
import type { LiveSample } from '../../tour/live-sample.js';
import type { StepResult } from '../../tour/outcomes.js';
import type { ProgressBoard } from '../../tour/progress-board.js';
import type { Phase } from '../../tour/tour-state.js';
import { ArchitecturePanel } from './ArchitecturePanel.js';
import { ComparisonView } from './ComparisonView.js';
import { FailurePanel } from './FailurePanel.js';
import { ProgressList } from './ProgressList.js';
import { QueryResultView } from './QueryResultView.js';
import { RecordsView } from './RecordsView.js';
import { ShutdownView } from './ShutdownView.js';
import type { ServiceStates } from '../../text/architecture-text.js';
import { environmentReadyLine, pipelineChangeLine } from '../../text/outcome-text.js';
import type { Paint } from '../../text/paint.js';

export interface StepContentProps {
  readonly phase: Phase;
  readonly progress: ProgressBoard;
  readonly result?: StepResult;
  /** Live service states, when the step shows the architecture panel. */
  readonly states?: ServiceStates;
  readonly live?: { sample?: LiveSample; history: LagHistory };
  readonly intervalSeconds: number;
  readonly paint: Paint;
  readonly columns: number;
}

/** What the current step shows: its progress while it runs, then its outcome or its failure. */
export function StepContent({ phase, progress, result, states, live, intervalSeconds, paint, columns }: StepContentProps) {
  const architecture = states ? <ArchitecturePanel states={states} intervalSeconds={intervalSeconds} paint={paint} columns={columns} /> : null;
  if (phase === 'ready' || phase === 'offer') return architecture;
  if (!result) {
    return (
      <Box flexDirection="column">
        {architecture}
        <ProgressList board={progress} paint={paint} />
      </Box>
    );
  }
  if (!result.ok) {
    return (
      <Box flexDirection="column">
        {architecture}
        <ProgressList board={progress} paint={paint} />
        <FailurePanel failure={result.failure} paint={paint} columns={columns} />
      </Box>
    );
  }
  const outcome = result.outcome;
  switch (outcome.kind) {
    case 'environment':
      return (
        <Box flexDirection="column">
          {architecture}
          <ProgressList board={progress} paint={paint} />
          <Box marginTop={1}>
            <Text>{environmentReadyLine(outcome, paint)}</Text>
          </Box>
        </Box>
      );
    case 'records':
      return <RecordsView records={outcome.records} readAt={outcome.at} extras={outcome.extras} paint={paint} columns={columns} />;
    case 'query':
      return <QueryResultView engine={outcome.engine} sql={outcome.sql} result={outcome.result} at={outcome.at} paint={paint} />;
    case 'comparison':
      return (
        <Box flexDirection="column">
          {outcome.change ? <Text>{pipelineChangeLine(outcome.change, paint)}</Text> : null}
          {architecture ? <Box marginBottom={1}>{architecture}</Box> : null}
          <ComparisonView sample={live?.sample} history={live?.history ?? { warehouse: [], kafka: [] }} paint={paint} columns={columns} />
        </Box>
      );
    case 'shutdown':
      return (
        <Box flexDirection="column">
          <ProgressList board={progress} paint={paint} />
          <ShutdownView outcome={outcome} paint={paint} />
        </Box>
      );
  }
}
