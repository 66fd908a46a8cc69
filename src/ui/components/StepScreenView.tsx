import { Text } from 'ink';

/** One screen of the tour, already laid out to the terminal's size: this view only draws it. */
export function StepScreenView({ lines }: { readonly lines: readonly string[] }) {
  return <Text>{lines.join('\n')}</Text>;
}
