import { Box, Text } from 'ink';
import type { EngineAnswer, EngineName } from '../../engines/types.js';
import { ENGINE_SOURCES, engineLabel } from '../../text/engine-label.js';
import type { Paint } from '../../text/paint.js';
import { querySummaryLine, queryTableText } from '../../text/query-text.js';

export interface QueryResultViewProps {
  readonly engine: EngineName;
  readonly sql: string;
  readonly result: EngineAnswer;
  readonly at: number;
  readonly paint: Paint;
}

export function QueryResultView({ engine, sql, result, at, paint }: QueryResultViewProps) {
  return (
    <Box flexDirection="column">
      <Text>{`${engineLabel(engine, paint)} ${paint('muted', `(${ENGINE_SOURCES[engine]})`)}`}</Text>
      <Text>{paint('strong', `  ${sql}`)}</Text>
      <Text>{queryTableText(engine, result, paint)}</Text>
      <Text>{querySummaryLine(result, at)}</Text>
    </Box>
  );
}
