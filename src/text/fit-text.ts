import stringWidth from 'string-width';

// Apart from format.ts: string-width builds an Intl.Segmenter and Unicode-property regexes when it
// is imported (10-20 ms of `status` measured), which commands that only format numbers need not pay.

/** Cuts text to at most `width` terminal columns, marking the cut with an ellipsis. */
export function fitWidth(text: string, width: number): string {
  if (stringWidth(text) <= width) return text;
  let result = '';
  for (const char of text) {
    if (stringWidth(`${result}${char}…`) > width) break;
    result += char;
  }
  return `${result}…`;
}

/** Joins pieces with a separator, starting a new line whenever the next piece would pass `width`. */
export function wrapPieces(pieces: readonly string[], separator: string, width: number, indent = ''): string[] {
  const lines: string[] = [];
  let line = '';
  for (const piece of pieces) {
    const candidate = line === '' ? piece : `${line}${separator}${piece}`;
    if (line !== '' && stringWidth(candidate) > width) {
      lines.push(line);
      line = `${indent}${piece}`;
    } else {
      line = candidate;
    }
  }
  if (line !== '') lines.push(line);
  return lines;
}
