import type { Paint } from '../text/paint.js';
import type { CliOptions } from '../cli-options.js';
import type { Runtime } from '../runtime/types.js';

/** What every subcommand gets: its options, where to write, and the runtime it acts on. */
export interface CommandContext {
  options: CliOptions;
  out: (text: string) => void;
  paint: Paint;
  runtime: () => Promise<Runtime>;
  /** Why this runtime was chosen, once it has been. */
  runtimeReason: () => string | undefined;
}
