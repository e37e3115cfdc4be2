/**
 * The loop behind an outbox worker: runs `round` (claim due rows, work them, return how many were
 * claimed) every `pollMs`, at once when woken, and again straight away while rounds come back
 * full. Polling picks up work left by a node that stopped and retries that fall due; waking sends
 * new work without waiting for the next poll. One round runs at a time per poller; a wake during a
 * round asks for another round after it.
 */
export function poller(options: { round: () => Promise<number>; batchSize: number; pollMs: number; onError: (err: unknown) => void }) {
  const { round, batchSize, pollMs, onError } = options;
  let stopped = true;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let again = false;

  function run(): void {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    clearTimeout(timer);
    running = (async () => {
      do {
        again = false;
        if ((await round()) >= batchSize) again = true;
      } while (again && !stopped);
    })()
      .catch(onError)
      .finally(() => {
        running = undefined;
        if (!stopped) timer = setTimeout(run, pollMs).unref();
      });
  }

  return {
    start(): void {
      stopped = false;
      run();
    },
    /** New work was written: start a round now rather than at the next poll. */
    wake: run,
    /** No new rounds; resolves when the one in progress (if any) has finished. */
    async stop(): Promise<void> {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}

export type Poller = ReturnType<typeof poller>;

export const MAX_RETRY_DELAY_MS = 6 * 3_600_000;

/**
 * Delay before attempt `failed + 1`: exponential from `baseMs`, with up to +50 % jitter (`random`
 * in [0, 1)) so that work that failed together does not retry together. The jitter stays below the
 * doubling, so every gap is longer than the one before until the cap.
 */
export function retryDelayMs(failed: number, baseMs: number, random: number): number {
  return Math.min(MAX_RETRY_DELAY_MS, Math.round(baseMs * 2 ** (failed - 1) * (1 + 0.5 * random)));
}
