import { Box, Text } from 'ink';

/** Lines of prepared terminal text, one under the other. */
export function Lines({ lines, marginTop = 0 }: { readonly lines: readonly string[]; readonly marginTop?: number }) {
  if (lines.length === 0) return null;
  return (
    <Box flexDirection="column" marginTop={marginTop}>
      {lines.map((line, i) => (
        <Text key={i}>{line}</Text>
      ))}
    </Box>
  );
}
