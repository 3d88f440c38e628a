import type { AnyMiddlewareArgs, Middleware } from "@slack/bolt";

/**
 * Listener work under way, a command's reply after its ack included (answer-in-ack.ts): the
 * app's stop() waits for it, so MongoDB and Redis are not closed under work Slack was told
 * would be done.
 */
export class InFlightWork {
  private readonly running = new Set<Promise<void>>();

  /** The first middleware: everything after it, listeners included, counts as one piece. */
  middleware(): Middleware<AnyMiddlewareArgs> {
    return async ({ next }) => {
      const work = next();
      this.running.add(work);
      try {
        await work;
      } finally {
        this.running.delete(work);
      }
    };
  }

  /** Waits for the work under way (not for work begun meanwhile); false if `timeoutMs` passed. */
  async settled(timeoutMs: number): Promise<boolean> {
    if (this.running.size === 0) return true;
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<boolean>((resolve) => {
      timer = setTimeout(resolve, timeoutMs, false);
    });
    const done = Promise.allSettled([...this.running]).then(() => true);
    return Promise.race([done, late]).finally(() => clearTimeout(timer));
  }
}
