import type { PurgeCounts } from "../../domain/retention.js";
import type { JobHandlers } from "../job-workers.js";

/** The periodic purge of records past their retention (FerretDB has no TTL indexes). */
export function retentionPurgeHandler(retention: {
  sweep(): Promise<PurgeCounts>;
}): Pick<JobHandlers, "retention.purge"> {
  return {
    "retention.purge": async () => {
      await retention.sweep();
    },
  };
}
