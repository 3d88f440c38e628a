import type { Clock } from "../clock.js";
import type { CheckinStore } from "./checkin.js";
import type { JobEnqueuer, JobRequest } from "./jobs.js";
import type { Sweeper } from "./sweeper.js";

/**
 * A reflection prompt not known to have gone this long after its check-in did is sent again:
 * the send job has had time to send it (the ledger then keeps the second from sending).
 */
export const REFLECT_AGAIN_AFTER_MS = 5 * 60_000;

/** Still owed this long after its check-in went out: Slack refused it for good; let it go. */
export const REFLECT_GIVE_UP_AFTER_MS = 3 * 24 * 3600_000;

/** Owed prompts read a pass: a few minutes' reflections at most, normally. */
const PAGE = 500;

export interface OwedReflectionDeps {
  checkins: Pick<CheckinStore, "listOwedReflections" | "reflectionSettled">;
  jobs: Pick<JobEnqueuer, "enqueueMany">;
  clock: Clock;
}

/**
 * Every fourth check-in's reflection prompt goes from its send job, after the save that marks
 * the check-in sent and the prompt owed. Redis may lose that job in between, so the sweep finds
 * the prompts still owed in MongoDB and enqueues them again; the `checkins.reflect` job sends
 * through the delivery ledger (once, whoever sends first) and takes the mark off.
 */
export class OwedReflections implements Sweeper<{ reflectionsResent: number }> {
  constructor(private readonly deps: OwedReflectionDeps) {}

  async sweep(): Promise<{ reflectionsResent: number }> {
    const now = this.deps.clock.now().getTime();
    const owed = await this.deps.checkins.listOwedReflections(PAGE);
    const jobs: JobRequest[] = [];
    for (const checkin of owed) {
      const age = now - (checkin.sentAt?.getTime() ?? 0);
      if (age > REFLECT_GIVE_UP_AFTER_MS) {
        await this.deps.checkins.reflectionSettled(checkin.id);
      } else if (age >= REFLECT_AGAIN_AFTER_MS) {
        jobs.push({ name: "checkins.reflect", payload: { checkinId: checkin.id } });
      }
    }
    if (jobs.length > 0) await this.deps.jobs.enqueueMany(jobs);
    return { reflectionsResent: jobs.length };
  }
}
