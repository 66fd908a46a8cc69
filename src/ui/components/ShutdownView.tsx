import { Text } from 'ink';
import type { StepOutcome } from '../../tour/outcomes.js';
import { shutdownLine } from '../../text/outcome-text.js';
import type { Paint } from '../../text/paint.js';

export function ShutdownView({ outcome, paint }: { readonly outcome: Extract<StepOutcome, { kind: 'shutdown' }>; readonly paint: Paint }) {
  return <Text>{shutdownLine(outcome, paint)}</Text>;
}
