#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createPaint } from './text/paint.js';
import { HELP, parseCommandLine, type CliOptions } from './cli-options.js';
import { compare } from './commands/compare.js';
import type { CommandContext } from './commands/context.js';
import { down, logs, startServices, status, stopServices, up } from './commands/environment.js';
import { describeError, isUserError } from './common/errors.js';
import { packageRoot } from './common/paths.js';
import { chooseRuntime } from './runtime/index.js';
import type { Runtime } from './runtime/types.js';

function version(): string {
  const pkg = JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8')) as { version: string };
  return pkg.version;
}

function isInteractive(): boolean {
  return Boolean(process.stdout.isTTY && process.stdin.isTTY) && !process.env.CI;
}

async function runCommand(options: CliOptions): Promise<number> {
  const out = (text: string) => process.stdout.write(`${text}\n`);
  let chosen: { runtime: Runtime; reason: string } | undefined;
  const ctx: CommandContext = {
    options,
    out,
    paint: createPaint(options.color && Boolean(process.stdout.isTTY)),
    runtime: async () => (chosen ??= await chooseRuntime(options.runtime, { profiles: options.with, engine: options.engine })).runtime,
    runtimeReason: () => chosen?.reason,
  };
  switch (options.command) {
    case 'up':
      return up(ctx);
    case 'status':
      return status(ctx);
    case 'stop':
      return stopServices(ctx);
    case 'start':
      return startServices(ctx);
    case 'logs':
      return logs(ctx);
    case 'compare':
      return compare(ctx);
    case 'down':
      return down(ctx);
    case 'verify':
      return (await import('./commands/verify.js')).verify(ctx);
    case 'doctor': {
      const { doctorCommand } = await import('./commands/doctor.js');
      return doctorCommand(ctx);
    }
    case 'tour': {
      const { runTour } = await import('./ui/run-interactive-tour.js');
      return runTour({
        step: options.step,
        from: options.from,
        list: options.list,
        yes: options.yes,
        json: options.json,
        keep: options.keep,
        color: options.color,
        interactive: isInteractive() && !options.yes && !options.json,
        runtime: await ctx.runtime(),
        runtimeReason: ctx.runtimeReason(),
        rate: options.rate,
        intervalSeconds: options.interval,
        stdout: process.stdout,
      });
    }
  }
}

async function main(argv: string[]): Promise<number> {
  try {
    const parsed = parseCommandLine(argv);
    if (parsed.kind === 'help') {
      process.stdout.write(HELP);
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

process.exitCode = await main(process.argv.slice(2));
