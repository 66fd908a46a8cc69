import { render } from 'ink';
import { describeError } from '../common/errors.js';
import type { Paint } from '../text/paint.js';
import { quitNoteLines } from '../text/quit-note-text.js';
import { readStatusForNote } from '../tour/read-status.js';
import type { TourSession } from '../tour/tour-session.js';
import { summaryLines } from '../text/summary-text.js';
import { osc52Copy } from './clipboard.js';
import { TourApp } from './components/TourApp.js';

export interface InteractiveTourOptions {
  paint: Paint;
  stdout: NodeJS.WriteStream;
}

/** How long a step still running may take to wind down after the user quits. */
const SETTLE_MS = 15_000;

/** The tour in a terminal that reads keys: Ink draws it; when it ends, what is still running is said. Returns the exit code. */
export async function runInteractiveTour(session: TourSession, { paint, stdout }: InteractiveTourOptions): Promise<number> {
  const copyToClipboard = (text: string) => void stdout.write(osc52Copy(text));
  const app = render(<TourApp session={session} paint={paint} copyToClipboard={copyToClipboard} />, { stdout, exitOnCtrlC: false, patchConsole: true });
  let reason: unknown;
  try {
    reason = await app.waitUntilExit();
  } catch (error) {
    reason = error;
  }
  // Ink has restored the terminal by now; whatever a step still does is asked to stop.
  session.abort();
  await session.runner.settle(SETTLE_MS);
  const status = await readStatusForNote(session.context.runtime);
  stdout.write(`\n${[...summaryLines(session.journal.summary(), session.all.length, paint), ...quitNoteLines(status, paint)].join('\n')}\n`);
  if (reason === 'finished' || reason === 'quit') return 0;
  if (reason === 'interrupted') return 130;
  if (reason instanceof Error) {
    stdout.write(`${describeError(reason)}\n`);
    return 1;
  }
  return 130;
}
