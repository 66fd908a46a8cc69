import { Text } from 'ink';
import { stepHeaderText, type StepHeading } from '../../text/header-text.js';
import type { Paint } from '../../text/paint.js';

export function StepHeader({ heading, paint }: { readonly heading: StepHeading; readonly paint: Paint }) {
  return <Text>{stepHeaderText(heading, paint)}</Text>;
}
