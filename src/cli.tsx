#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CliOptions, ParsedCommandLine } from './cli-options.js';
import type { CommandContext } from './commands/context.js';
import { describeError, isUserError } from './common/errors.js';
import { packageRoot } from './common/paths.js';
import type { Runtime } from './runtime/types.js';
import { createPaint } from './text/paint.js';

// Every command is imported when it runs, so --help and --version do not load Ink, React or the engines' clients.

function version(): string {
  const pkg = JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8')) as { version: string };
  return pkg.version;
}

function isInteractive(): boolean {
  return Boolean(process.stdout.isTTY && process.stdin.isTTY) && !process.env.CI;
}

async function runCommand(options: CliOptions): Promise<number> {
  let chosen: { runtime: Runtime; reason: string } | undefined;
  const ctx: CommandContext<CliOptions> = {
    options,
    out: (text) => void process.stdout.write(`${text}\n`),
    paint: createPaint(options.color && Boolean(process.stdout.isTTY)),
    runtime: async () => {
      const { chooseRuntime } = await import('./runtime/index.js');
      chosen ??= await chooseRuntime(options.runtime, {
        choices: { profiles: options.with, engine: options.engine },
        platformFile: options.platform,
        onWarning: (text) => void process.stderr.write(`${text}\n`),
      });
      return chosen.runtime;
    },
    runtimeReason: () => chosen?.reason,
  };
  const environment = () => import('./commands/environment.js');
  switch (options.command) {
    case 'up':
      return (await environment()).up(ctx);
    case 'status':
      return (await environment()).status(ctx);
    case 'stop':
      return (await environment()).stopServices(ctx);
    case 'start':
      return (await environment()).startServices(ctx);
    case 'logs':
      return (await environment()).logs(ctx);
    case 'down':
      return (await environment()).down(ctx);
    case 'compare':
      return (await import('./commands/compare.js')).compare(ctx);
    case 'recover':
      return (await import('./commands/recover.js')).recover(ctx);
    case 'doctor':
      return (await import('./commands/doctor.js')).doctorCommand(ctx);
    case 'query':
      return (await import('./commands/query.js')).query(ctx);
    case 'verify':
      return (await import('./commands/verify.js')).verify(ctx);
    case 'tour': {
      const { runTourCommand } = await import('./cli-tour.js');
      const localRuntime = async () => (await import('./runtime/index.js')).createRuntime({ name: 'local' });
      return runTourCommand(options, { runtime: ctx.runtime, runtimeReason: ctx.runtimeReason, localRuntime, stdout: process.stdout, interactive: isInteractive() });
    }
  }
}

/** --help and --version on their own answer before the option parser (and zod with it) loads. */
function quickAnswer(argv: readonly string[]): 'help' | 'version' | undefined {
  const quick = ['-h', '--help', '-v', '--version'];
  if (argv.length === 0 || !argv.every((arg) => quick.includes(arg))) return undefined;
  return argv.some((arg) => arg === '-h' || arg === '--help') ? 'help' : 'version';
}

async function main(argv: string[]): Promise<number> {
  try {
    const quick = quickAnswer(argv);
    const parsed: ParsedCommandLine = quick ? { kind: quick } : (await import('./cli-options.js')).parseCommandLine(argv);
    if (parsed.kind === 'help') {
      process.stdout.write((await import('./cli-help.js')).HELP);
      return 0;
    }
    if (parsed.kind === 'version') {
      process.stdout.write(`${version()}\n`);
      return 0;
    }
    return await runCommand(parsed.options);
  } catch (error) {
    process.stderr.write(`${describeError(error)}\n`);
    return isUserError(error) ? 1 : 70;
  }
}

// Piped into a program that stops reading (e.g. `| head`), the rest of the output is not wanted: exit quietly.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

process.exitCode = await main(process.argv.slice(2));
