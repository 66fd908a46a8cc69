import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, realpathSync } from 'node:fs';
import { homedir } from 'node:os';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * What tool discovery may look at: the platform, the environment, the file system and the programs
 * it runs (java -version, mysqld --version, java_home). Injected, so the macOS and Fedora branches
 * run in tests on this Linux machine.
 */
export interface ToolHost {
  readonly platform: NodeJS.Platform;
  readonly env: NodeJS.ProcessEnv;
  readonly home: string;
  exists(path: string): boolean;
  /** The entries of a folder; empty when it does not exist. */
  list(dir: string): string[];
  /** A file's text; undefined when it cannot be read. */
  readText(path: string): string | undefined;
  /** Where a symbolic link leads (the path itself when it is none). */
  realpath(path: string): string;
  /** Runs a program; undefined when it cannot run or fails. */
  run(command: string, args: string[]): Promise<{ stdout: string; stderr: string } | undefined>;
}

/** This machine. */
export function systemHost(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): ToolHost {
  return {
    platform,
    env,
    home: env.HOME ?? homedir(),
    exists: (path) => existsSync(path),
    list: (dir) => {
      try {
        return readdirSync(dir);
      } catch {
        return [];
      }
    },
    readText: (path) => {
      try {
        return readFileSync(path, 'utf8');
      } catch {
        return undefined;
      }
    },
    realpath: (path) => {
      try {
        return realpathSync(path);
      } catch {
        return path;
      }
    },
    run: async (command, args) => {
      try {
        return await run(command, args, { timeout: 15_000, env });
      } catch {
        return undefined;
      }
    },
  };
}
