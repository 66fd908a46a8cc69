/**
 * An error meant for the person at the terminal: what happened, what to do about it,
 * and (optionally) the last log lines of the service at fault. Anything else that
 * reaches the top level is a bug and is shown with its stack.
 */
export class UserError extends Error {
  readonly tryThis: string | undefined;
  readonly logTail: string[];
  /** Another runtime can do what failed on this one (the local runtime, when Docker images could not be had). */
  readonly alternative: 'local-runtime' | undefined;

  constructor(message: string, options: { tryThis?: string; logTail?: string[]; cause?: unknown; alternative?: 'local-runtime' } = {}) {
    super(message, { cause: options.cause });
    this.name = 'UserError';
    this.tryThis = options.tryThis;
    this.logTail = options.logTail ?? [];
    this.alternative = options.alternative;
  }
}

export function isUserError(error: unknown): error is UserError {
  return error instanceof UserError;
}

/** One line of text for any thrown value, without a stack. */
export function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}

/** The text shown for a failure: the message, what to try, and the log tail if any. */
export function describeError(error: unknown): string {
  if (!isUserError(error)) {
    const stack = error instanceof Error && error.stack ? error.stack : String(error);
    return `Unexpected error (a bug in slowdata-tour; please report it):\n${stack}`;
  }
  const lines = [error.message];
  if (error.tryThis) lines.push(`Try this: ${error.tryThis}`);
  if (error.logTail.length > 0) {
    lines.push('Last log lines:');
    for (const line of error.logTail) lines.push(`  ${line}`);
  }
  return lines.join('\n');
}
