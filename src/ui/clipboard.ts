/**
 * The terminal's own clipboard escape (OSC 52): terminals that honour it (iTerm2, kitty, WezTerm,
 * Windows Terminal, xterm with allowWindowOps, tmux with set-clipboard on) put the text on the
 * system clipboard, also over SSH; the others ignore it. No helper program or library needed.
 */
export function osc52Copy(text: string): string {
  return `\u001B]52;c;${Buffer.from(text, 'utf8').toString('base64')}\u0007`;
}
