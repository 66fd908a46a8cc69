import { Box, Text } from 'ink';

/** The step's text for people, already turned from Markdown into terminal text. */
export function StepBody({ text }: { readonly text: string }) {
  return (
    <Box marginY={1}>
      <Text>{text}</Text>
    </Box>
  );
}
