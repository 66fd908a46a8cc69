import stringWidth from 'string-width';
import { wrapPieces } from './fit-text.js';

/**
 * A step's Markdown body as terminal text: paragraphs joined into one line each (the terminal
 * wraps them), code blocks kept line by line and indented, inline marks dropped, and
 * {{name}} placeholders filled in.
 */
export function markdownToText(markdown: string, values: Record<string, string> = {}): string {
  const filled = markdown.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name: string) => values[name] ?? whole);
  const blocks: string[] = [];
  let paragraph: string[] = [];
  let code: string[] | undefined;
  const endParagraph = () => {
    if (paragraph.length > 0) blocks.push(paragraph.join(' '));
    paragraph = [];
  };
  for (const line of filled.split('\n')) {
    if (line.trimStart().startsWith('```')) {
      if (code) {
        blocks.push(code.map((c) => `    ${c}`).join('\n'));
        code = undefined;
      } else {
        endParagraph();
        code = [];
      }
      continue;
    }
    if (code) {
      code.push(line);
      continue;
    }
    const text = line.trim();
    if (text === '') {
      endParagraph();
      continue;
    }
    if (/^([-*]|\d+\.)\s/.test(text)) endParagraph();
    paragraph.push(text.replace(/^#+\s*/, '').replace(/\*\*(.+?)\*\*/g, '$1').replace(/`([^`]+)`/g, '$1'));
    if (/^([-*]|\d+\.)\s/.test(text)) endParagraph();
  }
  endParagraph();
  if (code) blocks.push(code.map((c) => `    ${c}`).join('\n'));
  return blocks.join('\n\n');
}

/** Word-wraps text to `width` columns, keeping existing line breaks and indentation. */
export function wrapText(text: string, width: number): string {
  return text
    .split('\n')
    .map((line) => {
      if (stringWidth(line) <= width) return line;
      const indent = /^\s*/.exec(line)?.[0] ?? '';
      const [first = '', ...rest] = line.trim().split(/\s+/);
      return wrapPieces([`${indent}${first}`, ...rest], ' ', width, indent).join('\n');
    })
    .join('\n');
}

/** A step's body as the tour shows it: placeholders filled with the run's settings; wrapped to `width` when given. */
export function stepBodyText(body: string, settings: { intervalSeconds: number; rate: number }, width?: number): string {
  const text = markdownToText(body, { interval: `${settings.intervalSeconds} s`, rate: String(settings.rate) });
  return width === undefined ? text : wrapText(text, width);
}
