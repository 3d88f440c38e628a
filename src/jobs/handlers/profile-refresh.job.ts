import type { JobHandlers } from "../job-workers.js";

/** The periodic users.list walk that keeps every cached profile fresh (profile-refresh.ts). */
export function profileRefreshHandler(
  refresh: () => Promise<unknown>,
): Pick<JobHandlers, "people.refresh"> {
  return {
    "people.refresh": async () => {
      await refresh();
    },
  };
}
