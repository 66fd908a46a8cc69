import { Box, Text } from 'ink';
import { architectureLines, type ServiceStates } from '../../text/architecture-text.js';
import type { Paint } from '../../text/paint.js';
import { stateLegend } from '../../text/service-state.js';

export interface ArchitecturePanelProps {
  readonly states: ServiceStates;
  readonly intervalSeconds: number;
  readonly paint: Paint;
  readonly columns: number;
  readonly legend?: boolean;
}

/** The two paths from the topic, each service drawn with its live state. */
export function ArchitecturePanel({ states, intervalSeconds, paint, columns, legend = true }: ArchitecturePanelProps) {
  return (
    <Box flexDirection="column">
      {architectureLines(states, intervalSeconds, paint, columns).map((line, i) => (
        <Text key={i}>{line}</Text>
      ))}
      {legend ? <Text>{`${' '.repeat(13)}${stateLegend(paint)}`}</Text> : null}
    </Box>
  );
}
