import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface ScreenOptions {
  columns: number;
  rows: number;
  cwd: string;
  /** Added to the program's environment; CI and CONTINUOUS_INTEGRATION are removed, so Ink draws as it does for a person. */
  env: Record<string, string>;
}

const quote = (word: string) => `'${word.replace(/'/g, `'\\''`)}'`;
/** Escape sequences as tmux's capture-pane -e writes them (SGR only). */
const SGR = /\u001B\[[0-9;]*m/g;

/** A program in a real terminal of fixed size: a tmux server on a socket of its own. */
export class TmuxScreen {
  private constructor(
    private readonly dir: string,
    private readonly socket: string,
  ) {}

  static async start(command: readonly string[], options: ScreenOptions): Promise<TmuxScreen> {
    const dir = mkdtempSync(join(tmpdir(), 'slowdata-shot-'));
    const config = join(dir, 'tmux.conf');
    writeFileSync(config, ['set -g remain-on-exit on', 'set -g status off', 'set -g default-terminal screen-256color', ''].join('\n'));
    const socket = join(dir, 'socket');
    const env = Object.entries(options.env).map(([key, value]) => `${key}=${value}`);
    const line = ['env', '-u', 'CI', '-u', 'CONTINUOUS_INTEGRATION', '-u', 'NO_COLOR', ...env, ...command].map(quote).join(' ');
    await run('tmux', ['-S', socket, '-f', config, 'new-session', '-d', '-s', 'shot', '-x', String(options.columns), '-y', String(options.rows), '-c', options.cwd, line]);
    return new TmuxScreen(dir, socket);
  }

  private tmux(...args: string[]) {
    return run('tmux', ['-S', this.socket, ...args]);
  }

  /** The screen with its colours (SGR escape sequences), one line per row. */
  async capture(): Promise<string> {
    const { stdout } = await this.tmux('capture-pane', '-p', '-e', '-t', 'shot');
    return stdout.replace(/\n$/, '');
  }

  /** The screen as plain text. */
  async text(): Promise<string> {
    return (await this.capture()).replace(SGR, '');
  }

  async press(...keys: string[]): Promise<void> {
    await this.tmux('send-keys', '-t', 'shot', ...keys);
  }

  async exited(): Promise<boolean> {
    const { stdout } = await this.tmux('display-message', '-p', '-t', 'shot', '#{pane_dead}');
    return stdout.trim() === '1';
  }

  /** Polls until the plain screen passes `test`; fails at the deadline showing the last screen. */
  async waitFor(what: string, test: (screen: string) => boolean, timeoutMs: number): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    let last = '';
    for (;;) {
      last = await this.text();
      if (test(last)) return last;
      if (await this.exited()) throw new Error(`the tour exited before the screen showed ${what}; last screen:\n${last}`);
      if (Date.now() > deadline) throw new Error(`waited ${Math.round(timeoutMs / 1000)} s for the screen to show ${what}; last screen:\n${last}`);
      await sleep(500);
    }
  }

  /** Ends the tmux server (and the program in it). Safe to call twice. */
  async close(): Promise<void> {
    await this.tmux('kill-server').catch(() => undefined);
    rmSync(this.dir, { recursive: true, force: true });
  }
}
