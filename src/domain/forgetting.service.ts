import type { Clock } from "../clock.js";
import type { AdminDirectory } from "./admin.js";
import type { Auditor } from "./audit-trail.js";
import type { EndingStore, OpenWorkCloser } from "./ending.js";
import { DomainError } from "./errors.js";
import type { GiverWithdrawals } from "./feedback.js";
import type {
  ForgettingRecord,
  ForgettingRecords,
  FormerPairs,
  PersonalDataHolder,
} from "./forgetting.js";
import type { JobEnqueuer } from "./jobs.js";
import type { UserDirectory } from "./people.js";
import type { Relationship, RelationshipStatus } from "./relationship.js";
import type { RelationshipFinder } from "./relationship-access.js";

const EVERY_STATUS: readonly RelationshipStatus[] = ["pending", "active", "paused", "ended"];
/**
 * How long an unfinished forgetting's partner thanks and withdrawals stay due: a retry within it
 * sends each once (job id and ledger); an older record's notices would come as stale news.
 */
const NOTICES_KEPT_MS = 7 * 24 * 3600_000;
/**
 * How long after it began the sweep takes over a forgetting: a "Forget" takes seconds, so one
 * begun earlier was cut short (running it twice at once would be safe, but records it twice).
 */
const SWEEP_AFTER_MS = 10 * 60_000;
/** The audit trail's actor for what the bot does on its own (audit-trail.ts). */
const SCHEDULED_WORK = "system";

export interface ForgettingDeps {
  admins: AdminDirectory;
  relationships: EndingStore & Pick<RelationshipFinder, "listForUser">;
  /**
   * The pairs they mentored until a reassignment: not theirs to end, but their notes and their
   * name in them are forgotten too. The same rule as their data export's.
   */
  formerPairs: FormerPairs;
  openWork: readonly OpenWorkCloser[];
  /** Feedback still asked of them: cancelled, each mentee told once. */
  feedbackRequests: GiverWithdrawals;
  /** Forgettings under way: a retry finishes one a failure cut short. */
  records: ForgettingRecords;
  /** Every collection holding something of a person; each forgets its share. */
  holders: readonly PersonalDataHolder[];
  directory: UserDirectory;
  jobs: JobEnqueuer;
  audit: Auditor;
  clock: Clock;
}

/** `/mentor forget me` (or an admin's `/mentor forget @person`). */
export class ForgettingService {
  constructor(private readonly deps: ForgettingDeps) {}

  /**
   * Checks who may forget whom, before the confirmation; writes nothing. `mentorships`: the
   * working ones (active or paused) that forgetting ends; ended ones and requests aren't counted.
   */
  async prepare(actorId: string, targetId: string): Promise<{ mentorships: number }> {
    await this.requireAllowed(actorId, targetId);
    const mentorships = await this.deps.relationships.listForUser(targetId, EVERY_STATUS);
    if (targetId !== actorId) {
      const person = await this.deps.directory.lookup(targetId).catch(() => null);
      if (person?.isBot) throw new DomainError("bot_user", { userId: targetId });
      // Slack may no longer know someone whose data is still here: that is fine to forget.
      if (!person && mentorships.length === 0 && !(await this.deps.records.find(targetId))) {
        throw new DomainError("unknown_user", { userId: targetId });
      }
    }
    const working = mentorships.filter((r) => r.status === "active" || r.status === "paused");
    return { mentorships: working.length };
  }

  /**
   * The confirmation's "Forget": ends their pairs, then each store forgets its share. Pressed
   * again after a failure part-way (or the sweep, `finish`), it finishes from the record written
   * before the first change (each step may run twice; each partner's thanks goes once: its job
   * id and the ledger).
   */
  async forget(actorId: string, targetId: string): Promise<{ ended: number }> {
    await this.requireAllowed(actorId, targetId);
    return this.run(actorId, targetId);
  }

  /**
   * Whose forgettings a failure cut short and nobody finished since: the sweep's to finish. One
   * begun within SWEEP_AFTER_MS is left alone: it is most likely still running.
   */
  async unfinished(): Promise<string[]> {
    const since = this.deps.clock.now().getTime() - SWEEP_AFTER_MS;
    const records = await this.deps.records.listUnfinished();
    return records.filter((r) => r.startedAt.getTime() <= since).map((r) => r.userId);
  }

  /**
   * The sweep finishes a forgetting cut short, as "Forget" pressed again would: someone allowed
   * asked for it when it began, and their data must not stay until someone presses it again.
   */
  async finish(targetId: string): Promise<{ ended: number }> {
    return this.run(SCHEDULED_WORK, targetId);
  }

  private async run(actorId: string, targetId: string): Promise<{ ended: number }> {
    const now = this.deps.clock.now();
    const record = await this.begin(targetId, now);
    const ended = await this.endPairs(actorId, targetId, record.openIds, now);
    await this.withdrawRequests(record);
    for (const holder of this.deps.holders) {
      await holder.forgetPerson(targetId, record.relationshipIds);
    }
    // Ids and the action only, never what they wrote.
    await this.deps.audit.record(actorId, "person.forgotten", targetId, {
      relationshipCount: record.relationshipIds.length,
    });
    // The other person of each pair that began gets the usual closing note (the forgotten one is
    // skipped); a request never accepted was no mentorship to thank anyone for.
    const began = ended.filter((r) => r.activatedAt);
    for (const relationship of began) {
      await this.deps.jobs.enqueue("relationship.closing", { relationshipId: relationship.id });
    }
    for (const requestId of record.requestIds) {
      await this.deps.jobs.enqueue("feedback.withdrawn", { requestId });
    }
    await this.deps.records.remove(targetId);
    return { ended: began.length };
  }

  /** The record of this forgetting: what an earlier, unfinished one found, and what is theirs now. */
  private async begin(userId: string, now: Date): Promise<ForgettingRecord> {
    const [saved, all, former] = await Promise.all([
      this.deps.records.find(userId),
      this.deps.relationships.listForUser(userId, EVERY_STATUS),
      this.deps.formerPairs.of(userId),
    ]);
    const theirs = all.map((r) => r.id);
    const open = all.filter((r) => r.status !== "ended").map((r) => r.id);
    // A record left unfinished long ago still says whose data to forget, but its thanks and
    // withdrawals are long past due: sent now, past the ledger's memory, they would be news.
    const fresh = saved && now.getTime() - saved.startedAt.getTime() <= NOTICES_KEPT_MS;
    const record: ForgettingRecord = {
      userId,
      relationshipIds: union(saved?.relationshipIds, theirs, former),
      openIds: union(fresh ? saved.openIds : [], open),
      requestIds: fresh ? saved.requestIds : [],
      startedAt: fresh ? saved.startedAt : now,
    };
    await this.deps.records.save(record);
    return record;
  }

  /**
   * Ends each pair still open, closing its open work (again, for one a failure left ended but
   * not yet closed). Returns the pairs as they are now, ended.
   */
  private async endPairs(
    actorId: string,
    targetId: string,
    openIds: readonly string[],
    now: Date,
  ): Promise<Relationship[]> {
    const ended: Relationship[] = [];
    for (const id of openIds) {
      let relationship = await this.deps.relationships.findById(id);
      if (relationship && relationship.status !== "ended") {
        const done = await this.deps.relationships.end(id, relationship.status, "forgotten", now);
        if (done) {
          await this.deps.audit.record(actorId, "relationship.ended", done.id, {
            mentorId: done.mentorId,
            menteeId: done.menteeId,
            byMember: actorId === targetId,
          });
        }
        relationship = done ?? (await this.deps.relationships.findById(id));
      }
      if (relationship?.status !== "ended") continue;
      for (const work of this.deps.openWork) await work.closeOpenFor(id, now);
      ended.push(relationship);
    }
    return ended;
  }

  /**
   * Feedback asked of them that is still open (their own pairs' was closed with them: these are
   * requests naming them from other pairs) is cancelled, rather than prompting no one and
   * expiring a week later. Recorded first: once they are renamed, a retry finds them only here.
   */
  private async withdrawRequests(record: ForgettingRecord): Promise<void> {
    const open = await this.deps.feedbackRequests.listOpenTo(record.userId);
    if (open.some((id) => !record.requestIds.includes(id))) {
      record.requestIds = union(record.requestIds, open);
      await this.deps.records.save(record);
    }
    await this.deps.feedbackRequests.cancelOpen(record.requestIds);
  }

  private async requireAllowed(actorId: string, targetId: string): Promise<void> {
    if (targetId !== actorId && !(await this.deps.admins.isAdmin(actorId))) {
      throw new DomainError("admins_only");
    }
  }
}

function union(...lists: Array<readonly string[] | undefined>): string[] {
  return [...new Set(lists.flatMap((list) => list ?? []))];
}
