import type { Logger } from "../../logger.js";

/**
 * A check kept in Redis (the rate limit, the event de-duplicator) lets a request through while
 * Redis fails: a person answered without the check beats one not answered at all. It warns once
 * when the check starts failing, not once per request, and again after it has worked meanwhile.
 */
export function failOpen(
  what: string,
  logger: Logger,
): (check: () => Promise<boolean>) => Promise<boolean> {
  let failing = false;
  return async (check) => {
    try {
      const passed = await check();
      failing = false;
      return passed;
    } catch (err) {
      if (!failing) logger.warn({ err }, `${what} failed; letting requests through meanwhile`);
      failing = true;
      return true;
    }
  };
}
