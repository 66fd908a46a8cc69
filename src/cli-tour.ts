import { join } from 'node:path';
import { describeError } from './common/errors.js';
import { stateHome } from './common/paths.js';
import { TOUR_PROGRESS_FILE } from './runtime/state.js';
import type { Runtime } from './runtime/types.js';
import { createPaint } from './text/paint.js';
import { stepListJson, stepListLines } from './text/step-list-text.js';
import type { Engines } from './tour/context.js';
import { loadSteps } from './tour/load-steps.js';
import { summarizeSteps } from './tour/step-list.js';
import type { TourSession, TourSettings } from './tour/tour-session.js';
import { TourProgressFile } from './tour/tour-progress.js';
import { fileQueryHistory } from './tour/query-history.js';

export interface TourCommandOptions extends TourSettings {
  list: boolean;
  json: boolean;
  /** Go through the steps without waiting for keys. */
  yes: boolean;
  color: boolean;
}

/** The tour's composition root: picks the front end and wires the runtime and the engines into it. */
export interface TourCommandWiring {
  runtime: () => Promise<Runtime>;
  runtimeReason: () => string | undefined;
  /** The local runtime, offered when the chosen one cannot get its Docker images. */
  localRuntime?: () => Promise<Runtime>;
  stdout: NodeJS.WriteStream;
  /** stdout and stdin are terminals and this is not CI. */
  interactive: boolean;
  /** Tests: stand-ins for the engines, another steps folder. */
  engines?: Engines;
  stepsDir?: string;
  /** Where the last step done is remembered (default: tour-progress.json in the state home). */
  progressFile?: string;
}

/** The guided tour: lists the steps, or runs the chosen ones interactively or as plain text. Returns the exit code. */
export async function runTourCommand(options: TourCommandOptions, wiring: TourCommandWiring): Promise<number> {
  const { stdout } = wiring;
  const paint = createPaint(options.color && stdout.isTTY === true && !options.json);
  let session: TourSession;
  try {
    if (options.list) {
      const steps = summarizeSteps(await loadSteps(wiring.stepsDir));
      stdout.write(options.json ? `${JSON.stringify(stepListJson(steps), null, 2)}\n` : `${stepListLines(steps, paint).join('\n')}\n`);
      return 0;
    }
    // Imported here, not above: --list needs only the steps, not the engines' clients.
    const { openTourSession } = await import('./tour/tour-session.js');
    session = await openTourSession(options, {
      runtime: await wiring.runtime(),
      runtimeReason: wiring.runtimeReason(),
      engines: wiring.engines,
      stepsDir: wiring.stepsDir,
      progress: new TourProgressFile(wiring.progressFile ?? join(stateHome(), TOUR_PROGRESS_FILE)),
      queryHistory: fileQueryHistory(),
      localRuntime: wiring.localRuntime,
    });
  } catch (error) {
    process.stderr.write(`${describeError(error)}\n`);
    return 1;
  }

  if (wiring.interactive && !options.yes && !options.json) {
    const { runInteractiveTour } = await import('./ui/run-interactive-tour.js');
    return runInteractiveTour(session, { paint, stdout });
  }
  const { runPlainTour } = await import('./plain/plain-tour.js');
  const onSigint = () => session.abort();
  process.once('SIGINT', onSigint);
  try {
    return await runPlainTour(session, { paint, json: options.json, columns: stdout.columns ?? 100, write: (text) => void stdout.write(text) });
  } finally {
    process.off('SIGINT', onSigint);
  }
}
