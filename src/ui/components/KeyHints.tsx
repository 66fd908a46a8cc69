import { Box, Text } from 'ink';
import { keyHintsText, type KeyHintsInput } from '../../text/key-hints-text.js';
import type { Paint } from '../../text/paint.js';

export function KeyHints({ hints, paint, keysAvailable }: { readonly hints: KeyHintsInput; readonly paint: Paint; readonly keysAvailable: boolean }) {
  return (
    <Box marginTop={1}>
      <Text>{keysAvailable ? keyHintsText(hints, paint) : paint('muted', 'This terminal cannot read single keys; run with --yes to go through the steps without keys.')}</Text>
    </Box>
  );
}
