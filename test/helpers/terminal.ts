import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Keys by name, as tmux's send-keys spells them. */
export const KEYS = {
  ENTER: 'Enter',
  CTRL_C: 'C-c',
} as const;

export interface TerminalOptions {
  /** Extra environment for the program (CI and CONTINUOUS_INTEGRATION are always removed). */
  env?: Record<string, string>;
  cwd?: string;
  columns?: number;
  rows?: number;
}

export interface WaitOptions {
  timeoutMs?: number;
  intervalMs?: number;
  /**
   * Return only a screen that is still the same this many ms later: a capture can catch a frame
   * half drawn (a live view redraws every 2 s), which matters where a test checks the layout.
   */
  settledMs?: number;
}

/** Text the screen must contain, a pattern, or a check with a description for the timeout message. */
export type ScreenMatch = string | RegExp | { test: (screen: string) => boolean; toString: () => string };

const POLL_MS = 200;
const EXIT_MARKER = '[program exited with code ';
const DEFAULT_TIMEOUT_MS = 30_000;

function shellQuote(word: string): string {
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/**
 * A program running in a real pseudo-terminal of fixed size: a tmux session on a socket of
 * its own, kept on screen after the program exits so its last screen and exit code can be read.
 */
export class TerminalSession {
  private constructor(
    private readonly socket: string,
    readonly name: string,
  ) {}

  static async start(command: readonly string[], options: TerminalOptions = {}): Promise<TerminalSession> {
    const dir = mkdtempSync(join(tmpdir(), 'slowdata-tmux-'));
    const config = join(dir, 'tmux.conf');
    // set-clipboard on: a program's OSC 52 lands in tmux's paste buffer, where clipboard() reads it.
    writeFileSync(config, 'set -g remain-on-exit on\nset -g history-limit 10000\nset -g status off\nset -g set-clipboard on\n');
    const socket = join(dir, 'socket');
    const name = 'tour';
    const env = Object.entries(options.env ?? {}).map(([key, value]) => `${key}=${value}`);
    // The shell prints the exit code after the program: tmux's own record of it is not reliable.
    const program = ['env', '-u', 'CI', '-u', 'CONTINUOUS_INTEGRATION', ...env, ...command].map(shellQuote).join(' ');
    const line = `${program}; printf '\\n${EXIT_MARKER}%d]\\n' "$?"`;
    await run('tmux', ['-S', socket, '-f', config, 'new-session', '-d', '-s', name, '-x', String(options.columns ?? 120), '-y', String(options.rows ?? 50), '-c', options.cwd ?? process.cwd(), line]);
    return new TerminalSession(socket, name);
  }

  private tmux(...args: string[]) {
    return run('tmux', ['-S', this.socket, ...args]);
  }

  /** Named keys (see KEYS) or plain characters, typed into the terminal. */
  async press(...keys: string[]): Promise<void> {
    await this.tmux('send-keys', '-t', this.name, ...keys);
  }

  /** Text typed as it is, no key names; a trailing ";" is escaped, or tmux would read it as the end of its command. */
  async type(text: string): Promise<void> {
    await this.tmux('send-keys', '-t', this.name, '-l', text.endsWith(';') ? `${text.slice(0, -1)}\\;` : text);
  }

  /** What the terminal shows now, one line per row, trailing blanks trimmed. */
  async screen(): Promise<string> {
    const { stdout } = await this.tmux('capture-pane', '-p', '-t', this.name);
    return stdout.replace(/\s+$/, '');
  }

  /** Polls the screen until it matches, and returns it; past the deadline, fails showing the last screen. */
  async waitFor(expected: ScreenMatch, options: WaitOptions = {}): Promise<string> {
    const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const deadline = Date.now() + timeoutMs;
    const matches = (text: string) => (typeof expected === 'string' ? text.includes(expected) : expected.test(text));
    let last = '';
    for (;;) {
      last = await this.screen();
      if (matches(last)) {
        if (!options.settledMs) return last;
        await sleep(options.settledMs);
        const again = await this.screen();
        if (again === last) return last;
        last = again;
      }
      const exit = await this.exitCode();
      if (exit !== undefined) throw new Error(`The program exited (code ${exit}) before the screen showed ${String(expected)}; last screen:\n${last}`);
      if (Date.now() > deadline) throw new Error(`Waited ${Math.round(timeoutMs / 1000)} s for the screen to show ${String(expected)}; last screen:\n${last}`);
      await sleep(options.intervalMs ?? POLL_MS);
    }
  }

  /** What the program last put on the clipboard (OSC 52), or undefined when it has put nothing there. */
  async clipboard(): Promise<string | undefined> {
    try {
      const { stdout } = await this.tmux('show-buffer');
      return stdout;
    } catch {
      return undefined;
    }
  }

  /** The number of rows and columns the terminal has. */
  async size(): Promise<{ columns: number; rows: number }> {
    const { stdout } = await this.tmux('display-message', '-p', '-t', this.name, '#{pane_width} #{pane_height}');
    const [columns, rows] = stdout.trim().split(' ').map(Number);
    return { columns: columns ?? 0, rows: rows ?? 0 };
  }

  /** The program's exit code (as the shell reports it: 128 + N for signal N), or undefined while it runs. */
  async exitCode(): Promise<number | undefined> {
    const { stdout } = await this.tmux('capture-pane', '-p', '-S', '-', '-t', this.name);
    const match = new RegExp(`${EXIT_MARKER.replace(/[[\]]/g, '\\$&')}(\\d+)\\]`).exec(stdout);
    return match ? Number(match[1]) : undefined;
  }

  async waitForExit(options: WaitOptions = {}): Promise<number> {
    const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const code = await this.exitCode();
      if (code !== undefined) return code;
      if (Date.now() > deadline) throw new Error(`Waited ${Math.round(timeoutMs / 1000)} s for the program to exit; last screen:\n${await this.screen()}`);
      await sleep(options.intervalMs ?? POLL_MS);
    }
  }

  /** Ends the tmux server of this session (and the program, if it still runs). Safe to call twice. */
  async close(): Promise<void> {
    await this.tmux('kill-server').catch(() => undefined);
  }
}
