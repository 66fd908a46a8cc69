import { Box, Text } from 'ink';
import type { LagHistory } from '../../tour/lag-history.js';
import type { LiveSample } from '../../tour/live-sample.js';
import { Lines } from './Lines.js';
import { comparisonSentence, engineTableText, storeTableText } from '../../text/comparison-text.js';
import { pipelineLines } from '../../text/pipeline-text.js';
import { engineErrorLines } from '../../text/failure-text.js';
import { formatClock } from '../../text/format.js';
import type { Paint } from '../../text/paint.js';

export interface ComparisonViewProps {
  readonly sample?: LiveSample;
  readonly history: LagHistory;
  readonly paint: Paint;
  readonly columns: number;
}

/** Both engines' answers side by side with the delta per store, and per engine its count, lag history and query time. */
export function ComparisonView({ sample, history, paint, columns }: ComparisonViewProps) {
  if (!sample) return <Text>{paint('muted', 'Asking both engines…')}</Text>;
  const { comparison, logTails } = sample;
  return (
    <Box flexDirection="column">
      <Text>{paint('muted', `Same query on both, as of ${formatClock(comparison.at)} UTC:`)}</Text>
      <Text>{storeTableText(comparison, paint)}</Text>
      <Text>{engineTableText(comparison, history, paint, columns)}</Text>
      <Text>{comparisonSentence(comparison)}</Text>
      <Lines lines={engineErrorLines(comparison, logTails, paint, columns)} />
      <Lines lines={pipelineLines(comparison.pipeline, paint, comparison.at)} />
    </Box>
  );
}
