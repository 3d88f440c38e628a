/** Waits between tries: `firstMs`, doubled after each failure, at most `maxMs`. */
export interface RetryDelays {
  firstMs: number;
  maxMs: number;
}

export const DEFAULT_RETRY_DELAYS: RetryDelays = { firstMs: 1_000, maxMs: 60_000 };

export interface KeepTrying {
  /** Resolves after the first try, true if it succeeded; never rejects. */
  readonly firstTry: Promise<boolean>;
  /** True once a try has succeeded. */
  readonly succeeded: boolean;
  stop(): void;
}

/**
 * Runs `attempt` until it succeeds, in the background, with exponential backoff: for what
 * Slack must answer at start-up, so an outage means "not ready yet" rather than a crash.
 * `onFailure` hears each failure with the count so far, to log the first one loudly.
 */
export function keepTrying(
  attempt: () => Promise<void>,
  delays: RetryDelays,
  onFailure: (error: unknown, failures: number, retryInMs: number) => void,
): KeepTrying {
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  let succeeded = false;
  const run = async (failures: number): Promise<boolean> => {
    if (stopped) return false;
    try {
      await attempt();
      succeeded = true;
      return true;
    } catch (error) {
      const retryInMs = Math.min(delays.firstMs * 2 ** failures, delays.maxMs);
      onFailure(error, failures + 1, retryInMs);
      if (!stopped) {
        timer = setTimeout(() => void run(failures + 1), retryInMs);
        timer.unref();
      }
      return false;
    }
  };
  const firstTry = run(0);
  return {
    firstTry,
    get succeeded() {
      return succeeded;
    },
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
  };
}

/** The error's code or message only: a WebClient error can carry the request, token included. */
export function describeError(err: unknown): string {
  const e = err as { code?: string; message?: string } | null;
  return [e?.code, e?.message].filter(Boolean).join(": ") || String(err);
}
