import { render } from 'ink';
import { TourApp } from './components/TourApp.js';
import { createPaint, type Paint } from '../text/paint.js';
import { describeError } from '../common/errors.js';
import type { Runtime } from '../runtime/types.js';
import { realEngines, type Engines, type TourContext } from '../tour/context.js';
import { stepListJson, stepListLines } from '../text/step-list-text.js';
import { takeSample } from '../tour/live-sample.js';
import { loadSteps } from '../tour/load-steps.js';
import { runPlainTour } from '../plain/plain-tour.js';
import { quitNoteLines, readStatusForNote } from '../text/quit-note-text.js';
import { selectSteps } from '../tour/select-steps.js';
import type { Step } from '../tour/step-schema.js';
import { createStepRunner, type StepRunner } from '../tour/step-runner.js';

export interface TourOptions {
  step?: number;
  from?: number;
  list: boolean;
  yes: boolean;
  json: boolean;
  keep: boolean;
  color: boolean;
  /** stdout is a TTY, stdin is a TTY, not CI. */
  interactive: boolean;
  runtime: Runtime;
  /** Why this runtime was chosen, in words. */
  runtimeReason?: string;
  rate: number;
  intervalSeconds: number;
  stdout: NodeJS.WriteStream;
  /** Where the step files are; tests point elsewhere. */
  stepsDir?: string;
  /** Stand-ins for the engines, for unit tests. */
  engines?: Engines;
}

/** How long a step still running may take to wind down after the user quits. */
const SETTLE_MS = 15_000;

/** The guided tour: lists, or runs the chosen steps interactively or as plain text. Returns the exit code. */
export async function runTour(options: TourOptions): Promise<number> {
  const write = (text: string) => void options.stdout.write(text);
  let steps: Step[];
  let selected: Step[];
  try {
    steps = await loadSteps(options.stepsDir);
    selected = selectSteps(steps, options);
  } catch (error) {
    process.stderr.write(`${describeError(error)}\n`);
    return 1;
  }
  const colorOn = options.color && options.stdout.isTTY === true && !options.json;
  const paint = createPaint(colorOn);

  if (options.list) {
    write(options.json ? `${JSON.stringify(stepListJson(steps), null, 2)}\n` : `${stepListLines(steps, paint).join('\n')}\n`);
    return 0;
  }

  const controller = new AbortController();
  const context: TourContext = {
    runtime: options.runtime,
    runtimeReason: options.runtimeReason,
    engines: options.engines ?? realEngines,
    rate: options.rate,
    intervalSeconds: options.intervalSeconds,
    keep: options.keep,
    signal: controller.signal,
  };
  const runner = createStepRunner(context, steps);
  const columns = options.stdout.columns ?? 100;

  if (!options.interactive || options.yes || options.json) {
    const onSigint = () => controller.abort();
    process.once('SIGINT', onSigint);
    try {
      return await runPlainTour({ steps: selected, total: steps.length, runner, context, paint, json: options.json, columns, write });
    } finally {
      process.off('SIGINT', onSigint);
    }
  }
  return runInteractiveTour({ options, selected, total: steps.length, runner, context, paint, controller });
}

interface InteractiveRun {
  options: TourOptions;
  selected: Step[];
  total: number;
  runner: StepRunner;
  context: TourContext;
  paint: Paint;
  controller: AbortController;
}

async function runInteractiveTour({ options, selected, total, runner, context, paint, controller }: InteractiveRun): Promise<number> {
  const app = render(
    <TourApp
      steps={selected}
      total={total}
      runner={runner}
      runtime={options.runtime}
      sample={(endpoints) => takeSample(context, endpoints)}
      intervalSeconds={options.intervalSeconds}
      rate={options.rate}
      paint={paint}
      startRunning={options.step !== undefined || options.from !== undefined}
    />,
    { stdout: options.stdout, exitOnCtrlC: true, patchConsole: true },
  );
  let reason: unknown;
  try {
    reason = await app.waitUntilExit();
  } catch (error) {
    reason = error;
  }
  // Ink has restored the terminal by now; whatever a step still does is asked to stop.
  controller.abort();
  await runner.settle(SETTLE_MS);
  const status = await readStatusForNote(options.runtime);
  options.stdout.write(`\n${quitNoteLines(status, paint).join('\n')}\n`);
  if (reason === 'finished' || reason === 'quit') return 0;
  if (reason instanceof Error) {
    options.stdout.write(`${describeError(reason)}\n`);
    return 1;
  }
  return 130;
}
