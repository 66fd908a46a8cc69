/**
 * Wraps a script's teardown so it runs once, whether the script ends, fails, or is interrupted
 * (SIGINT/SIGTERM: it tears down, then exits with 130). Returns the function to call at the end.
 */
export function tearDownOnce(work: () => Promise<void>, say: (line: string) => void): () => Promise<void> {
  let running: Promise<void> | undefined;
  const tearDown = () => (running ??= work());
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      say(`${signal}: taking the environment down before exiting`);
      void tearDown().finally(() => process.exit(130));
    });
  }
  return tearDown;
}
