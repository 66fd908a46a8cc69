import stringWidth from 'string-width';

/**
 * A terminal screen with colours (as `tmux capture-pane -p -e` gives it) drawn as SVG: one
 * <text> per run of ASCII characters of the same style, each other character placed in its own
 * cell, so columns line up whatever font the viewer falls back to for box drawing or symbols.
 */

export interface TerminalTheme {
  background: string;
  foreground: string;
  /** The 16 ANSI colours: 0–7 normal, 8–15 bright. */
  palette: readonly string[];
}

/** A dark theme; blue (the warehouse) and magenta (Kafka) as the tour paints them. */
export const DARK_THEME: TerminalTheme = {
  background: '#1e2229',
  foreground: '#d7dae0',
  palette: [
    '#3f4451', '#e06c75', '#98c379', '#e5c07b', '#61afef', '#d16fe6', '#56b6c2', '#d7dae0',
    '#7f848e', '#ff7b86', '#b5e890', '#ffd68a', '#8cc8ff', '#e68df5', '#7fd6e0', '#ffffff',
  ],
};

interface Style {
  fg: string | null;
  bg: string | null;
  bold: boolean;
  dim: boolean;
  italic: boolean;
  underline: boolean;
  inverse: boolean;
}

interface Cell {
  char: string;
  style: Style;
}

const PLAIN: Style = { fg: null, bg: null, bold: false, dim: false, italic: false, underline: false, inverse: false };

function xterm256(n: number, theme: TerminalTheme): string {
  if (n < 16) return theme.palette[n] ?? theme.foreground;
  if (n >= 232) {
    const level = 8 + (n - 232) * 10;
    return rgb(level, level, level);
  }
  const index = n - 16;
  const steps = [0, 95, 135, 175, 215, 255];
  return rgb(steps[Math.floor(index / 36)] ?? 0, steps[Math.floor(index / 6) % 6] ?? 0, steps[index % 6] ?? 0);
}

function rgb(r: number, g: number, b: number): string {
  return `#${[r, g, b].map((v) => Math.max(0, Math.min(255, v)).toString(16).padStart(2, '0')).join('')}`;
}

/** Applies one SGR sequence's parameters to a style. */
function applySgr(style: Style, params: number[], theme: TerminalTheme): Style {
  let next = { ...style };
  if (params.length === 0) params = [0];
  for (let i = 0; i < params.length; i++) {
    const p = params[i] ?? 0;
    if (p === 0) next = { ...PLAIN };
    else if (p === 1) next.bold = true;
    else if (p === 2) next.dim = true;
    else if (p === 3) next.italic = true;
    else if (p === 4) next.underline = true;
    else if (p === 7) next.inverse = true;
    else if (p === 22) {
      next.bold = false;
      next.dim = false;
    } else if (p === 23) next.italic = false;
    else if (p === 24) next.underline = false;
    else if (p === 27) next.inverse = false;
    else if (p >= 30 && p <= 37) next.fg = theme.palette[p - 30] ?? null;
    else if (p >= 90 && p <= 97) next.fg = theme.palette[p - 90 + 8] ?? null;
    else if (p === 39) next.fg = null;
    else if (p >= 40 && p <= 47) next.bg = theme.palette[p - 40] ?? null;
    else if (p >= 100 && p <= 107) next.bg = theme.palette[p - 100 + 8] ?? null;
    else if (p === 49) next.bg = null;
    else if (p === 38 || p === 48) {
      let colour: string | null = null;
      if (params[i + 1] === 5) {
        colour = xterm256(params[i + 2] ?? 0, theme);
        i += 2;
      } else if (params[i + 1] === 2) {
        colour = rgb(params[i + 2] ?? 0, params[i + 3] ?? 0, params[i + 4] ?? 0);
        i += 4;
      }
      if (p === 38) next.fg = colour;
      else next.bg = colour;
    }
  }
  return next;
}

/** The screen as a grid of cells; a wide character's second cell holds an empty string. */
export function parseScreen(text: string, columns: number, rows: number, theme: TerminalTheme = DARK_THEME): Cell[][] {
  const grid: Cell[][] = [];
  let style: Style = { ...PLAIN };
  const lines = text.split('\n');
  for (let r = 0; r < rows; r++) {
    const row: Cell[] = [];
    const line = lines[r] ?? '';
    // eslint-disable-next-line no-control-regex
    const pieces = line.split(/(\u001B\[[0-9;]*[A-Za-z])/);
    for (const piece of pieces) {
      if (piece.startsWith('\u001B[')) {
        if (piece.endsWith('m')) {
          const body = piece.slice(2, -1);
          style = applySgr(style, body === '' ? [] : body.split(';').map(Number), theme);
        }
        continue;
      }
      for (const char of piece) {
        const width = stringWidth(char);
        if (width === 0) {
          const last = row.at(-1);
          if (last) last.char += char;
          continue;
        }
        row.push({ char, style });
        if (width === 2) row.push({ char: '', style });
      }
    }
    while (row.length < columns) row.push({ char: ' ', style: { ...PLAIN } });
    grid.push(row.slice(0, columns));
  }
  return grid;
}

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export interface SvgOptions {
  columns: number;
  rows: number;
  title?: string;
  theme?: TerminalTheme;
  fontSize?: number;
}

function colours(style: Style, theme: TerminalTheme): { fg: string; bg: string | null } {
  const fg = style.fg ?? theme.foreground;
  const bg = style.bg;
  if (!style.inverse) return { fg, bg };
  return { fg: bg ?? theme.background, bg: fg };
}

function textAttributes(style: Style, fg: string): string {
  const attrs = [`fill="${fg}"`];
  if (style.bold) attrs.push('font-weight="bold"');
  if (style.italic) attrs.push('font-style="italic"');
  if (style.dim) attrs.push('fill-opacity="0.6"');
  if (style.underline) attrs.push('text-decoration="underline"');
  return attrs.join(' ');
}

/** ▁ (1/8) … █ (8/8): how many eighths of the cell a lower block fills. */
function lowerBlockEighths(char: string): number | undefined {
  const code = char.codePointAt(0) ?? 0;
  return char.length === 1 && code >= 0x2581 && code <= 0x2588 ? code - 0x2580 : undefined;
}

const sameLook = (a: Style, b: Style) =>
  a.fg === b.fg && a.bg === b.bg && a.bold === b.bold && a.dim === b.dim && a.italic === b.italic && a.underline === b.underline && a.inverse === b.inverse;

/** Renders a captured screen as an SVG document in a window frame. */
export function screenToSvg(capture: string, options: SvgOptions): string {
  const theme = options.theme ?? DARK_THEME;
  const fontSize = options.fontSize ?? 14;
  // DejaVu Sans Mono's advance is 0.602 em; every cell is placed explicitly, so other fonts only shift glyphs within a cell.
  const cell = Math.round(fontSize * 0.602 * 100) / 100;
  const lineHeight = Math.round(fontSize * 1.3);
  const pad = 14;
  const bar = 30;
  const width = Math.ceil(options.columns * cell + pad * 2);
  const height = Math.ceil(options.rows * lineHeight + pad * 2 + bar);
  const grid = parseScreen(capture, options.columns, options.rows, theme);
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`,
    `<rect width="${width}" height="${height}" rx="8" fill="${theme.background}"/>`,
    `<rect width="${width}" height="${bar}" rx="8" fill="#2c313a"/>`,
    `<rect y="${bar - 8}" width="${width}" height="8" fill="#2c313a"/>`,
    ...['#ff5f56', '#ffbd2e', '#27c93f'].map((c, i) => `<circle cx="${18 + i * 20}" cy="${bar / 2}" r="6" fill="${c}"/>`),
  );
  if (options.title) {
    out.push(`<text x="${width / 2}" y="${bar / 2 + 5}" text-anchor="middle" font-family="DejaVu Sans, Helvetica, Arial, sans-serif" font-size="13" fill="#9da5b4">${escapeXml(options.title)}</text>`);
  }
  out.push(`<g font-family="DejaVu Sans Mono, Menlo, Consolas, monospace" font-size="${fontSize}" xml:space="preserve">`);
  grid.forEach((row, r) => {
    const top = bar + pad + r * lineHeight;
    const baseline = top + Math.round(fontSize * 1.0);
    // Backgrounds first, merged across equal neighbours.
    for (let c = 0; c < row.length; ) {
      const { bg } = colours(row[c]!.style, theme);
      let end = c + 1;
      while (end < row.length && colours(row[end]!.style, theme).bg === bg) end++;
      if (bg !== null) {
        out.push(`<rect x="${(pad + c * cell).toFixed(2)}" y="${top}" width="${((end - c) * cell).toFixed(2)}" height="${lineHeight}" fill="${bg}"/>`);
      }
      c = end;
    }
    // Then text: ASCII runs of one style together, anything else cell by cell.
    for (let c = 0; c < row.length; ) {
      const first = row[c]!;
      const ascii = (ch: string) => ch.length === 1 && ch >= ' ' && ch <= '~';
      if (first.char === '' || first.char === ' ') {
        c++;
        continue;
      }
      const { fg } = colours(first.style, theme);
      const eighths = lowerBlockEighths(first.char);
      if (eighths !== undefined) {
        // Drawn as a rectangle, as a terminal does, rather than trusting a font's block glyph.
        const h = (lineHeight * eighths) / 8;
        out.push(`<rect x="${(pad + c * cell).toFixed(2)}" y="${(top + lineHeight - h).toFixed(2)}" width="${cell.toFixed(2)}" height="${h.toFixed(2)}" fill="${fg}"${first.style.dim ? ' fill-opacity="0.6"' : ''}/>`);
        c++;
        continue;
      }
      let end = c + 1;
      if (ascii(first.char)) {
        while (end < row.length && ascii(row[end]!.char) && sameLook(row[end]!.style, first.style)) end++;
      }
      const text = row
        .slice(c, end)
        .map((x) => x.char)
        .join('')
        .replace(/ +$/, '');
      out.push(`<text x="${(pad + c * cell).toFixed(2)}" y="${baseline}" ${textAttributes(first.style, fg)}>${escapeXml(text)}</text>`);
      c = end;
    }
  });
  out.push('</g>', '</svg>', '');
  return out.join('\n');
}
