import type { Runtime } from '../runtime/types.js';
import type { Paint } from '../text/paint.js';

/**
 * What every subcommand gets: the options it reads (each command names just those), where to
 * write, and the runtime it acts on, chosen only when first asked for.
 */
export interface CommandContext<Options extends object = object> {
  options: Options;
  out: (text: string) => void;
  paint: Paint;
  runtime: () => Promise<Runtime>;
  /** Why this runtime was chosen, once it has been. */
  runtimeReason: () => string | undefined;
}
