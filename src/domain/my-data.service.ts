import type { Clock } from "../clock.js";
import type { Auditor } from "./audit-trail.js";
import type { FileDelivery, FileWriter, PersonalDataStore } from "./export.js";
import type { JobEnqueuer } from "./jobs.js";
import { deliverFiles, requestKeyAt } from "./program-export.service.js";

export interface MyDataDeps {
  store: PersonalDataStore;
  files: FileWriter;
  delivery: FileDelivery;
  jobs: JobEnqueuer;
  audit: Auditor;
  clock: Clock;
}

/** `/mentor my data`: anyone gets everything stored about themself, and only themself. */
export class MyDataService {
  constructor(private readonly deps: MyDataDeps) {}

  /** Queues the export; the file follows in a DM. */
  async request(userId: string): Promise<void> {
    const { jobs, audit, clock } = this.deps;
    const requestKey = requestKeyAt(clock.now());
    // Recorded first: the job may run (and record its outcome) before enqueue returns.
    await audit.record(userId, "person.data_requested", userId, { requestKey });
    await jobs.enqueue("exports.my-data", { userId, requestKey });
  }

  /** The job: collect, write one JSON file, share it in their DM. */
  async run(userId: string, requestKey: string): Promise<void> {
    const { store, files, audit, clock } = this.deps;
    const key = `export:my-data:${userId}:${requestKey}`;
    const outcome = await deliverFiles(this.deps, userId, key, "my_data", async (written) => {
      const data = await store.collect(userId, clock.now());
      written.push(await files.json("my-data.json", "My data", data));
    });
    const refused = "refused" in outcome;
    await audit.record(
      userId,
      refused ? "person.data_refused" : "person.data_exported",
      userId,
      refused ? { requestKey, refused: outcome.refused } : { requestKey },
    );
  }
}
