import type { JobHandlers } from "../job-workers.js";

/** The periodic sweep: every time-based piece of work, rebuilt from MongoDB each run. */
export function scheduleSweepHandler(
  sweepAll: () => Promise<unknown>,
): Pick<JobHandlers, "schedule.sweep"> {
  return {
    "schedule.sweep": async () => {
      await sweepAll();
    },
  };
}
