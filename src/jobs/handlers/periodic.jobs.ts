import type { JobHandlers } from "../job-workers.js";
import type { PeriodicJob } from "../sweep-scheduler.js";

type PeriodicName = PeriodicJob["name"];

/**
 * The periodic jobs (sweep-scheduler.ts), each a thin call into its work: the sweep (every
 * time-based piece of work, rebuilt from MongoDB each run), the retention purge (FerretDB has no
 * TTL indexes) and the walk of users.list that keeps cached profiles fresh.
 */
export function periodicJobHandlers(
  work: {
    [N in PeriodicName]: () => Promise<unknown>;
  },
): Pick<JobHandlers, PeriodicName> {
  return {
    "schedule.sweep": async () => {
      await work["schedule.sweep"]();
    },
    "retention.purge": async () => {
      await work["retention.purge"]();
    },
    "people.refresh": async () => {
      await work["people.refresh"]();
    },
  };
}
