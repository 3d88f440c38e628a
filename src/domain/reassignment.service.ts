import type { Clock } from "../clock.js";
import type { AdminDirectory } from "./admin.js";
import type { Auditor } from "./audit-trail.js";
import { type BlockChecker, requireNeitherBlocked } from "./blocking.js";
import { todayIn, zoneDecidesOverdue } from "./calendar-date.js";
import { DomainError } from "./errors.js";
import type { DefaultGiverMover } from "./feedback.js";
import type { JobEnqueuer } from "./jobs.js";
import type { UserDirectory } from "./people.js";
import type {
  OpenCheckinMover,
  ReassignmentNotifier,
  ReassignmentRecords,
  ReassignmentStore,
} from "./reassignment.js";
import type { Relationship } from "./relationship.js";
import type { CalendarDate, Milestone, MilestoneStore } from "./roadmap.js";
import type { TimeZones } from "./time-zones.js";
import { retryMayFinish } from "./unfinished-work.js";

export interface ReassignmentDeps {
  admins: AdminDirectory;
  relationships: ReassignmentStore;
  checkins: OpenCheckinMover;
  feedbackRequests: DefaultGiverMover;
  milestones: Pick<MilestoneStore, "list">;
  directory: UserDirectory;
  /** The new mentor's zone: "overdue" in their introduction is judged on their own date. */
  zones: Pick<TimeZones, "of">;
  notifier: ReassignmentNotifier;
  jobs: JobEnqueuer;
  audit: Auditor;
  clock: Clock;
  blocks: BlockChecker;
  /** The audit trail's reassignments: what a retry needs to finish one. */
  records: ReassignmentRecords;
}

/** An admin moves a mentee's mentorship to a new mentor; roadmap, progress and cadence stay. */
export class ReassignmentService {
  constructor(private readonly deps: ReassignmentDeps) {}

  async reassign(actorId: string, menteeId: string, newMentorId: string): Promise<Relationship> {
    if (!(await this.deps.admins.isAdmin(actorId))) throw new DomainError("admins_only");
    if (menteeId === newMentorId) throw new DomainError("self_pairing");
    await Promise.all([this.requireHuman(menteeId), this.requireHuman(newMentorId)]);
    const current = (
      await this.deps.relationships.listForUser(menteeId, ["active", "paused"])
    ).filter((r) => r.menteeId === menteeId);
    const [relationship, ...more] = current;
    if (!relationship) throw new DomainError("not_a_mentee", { userId: menteeId });
    if (more.length > 0) throw new DomainError("several_mentors", { userId: menteeId });
    if (relationship.mentorId === newMentorId) {
      await this.finishIfJustMoved(relationship);
      throw new DomainError("same_mentor", { userId: newMentorId });
    }
    if (await this.deps.relationships.findOpenBetween(menteeId, newMentorId)) {
      throw new DomainError("already_paired");
    }
    await requireNeitherBlocked(this.deps.blocks, menteeId, newMentorId);
    const now = this.deps.clock.now();
    const moved = await this.deps.relationships.reassign(relationship, newMentorId, now);
    // Someone else changed the pair in the meantime: nothing was written.
    if (!moved) throw new DomainError("not_a_mentee", { userId: menteeId });
    // Epoch ms: BullMQ job ids may not contain ":".
    const at = String(now.getTime());
    await this.deps.checkins.moveOpenTo(moved.id, newMentorId);
    await this.deps.feedbackRequests.moveDefaultGiver(moved.id, relationship.mentorId, newMentorId);
    // `at` too: a retry that finishes this reassignment queues the very same job.
    await this.deps.audit.record(actorId, "relationship.reassigned", moved.id, {
      menteeId,
      fromMentorId: relationship.mentorId,
      toMentorId: newMentorId,
      at,
    });
    await this.deps.jobs.enqueue("relationship.reassigned", {
      relationshipId: moved.id,
      fromMentorId: relationship.mentorId,
      at,
    });
    return moved;
  }

  /**
   * The pair moved to this mentor moments ago: a retry after a failed step moves open check-ins
   * again and queues the same notices job (its id and the delivery ledger send each message once).
   */
  private async finishIfJustMoved(relationship: Relationship): Promise<void> {
    const last = await this.deps.records.latestReassignment(relationship.id);
    if (!last || last.toMentorId !== relationship.mentorId) return;
    if (!retryMayFinish(new Date(Number(last.at)), this.deps.clock.now())) return;
    await this.deps.checkins.moveOpenTo(relationship.id, relationship.mentorId);
    await this.deps.feedbackRequests.moveDefaultGiver(
      relationship.id,
      last.fromMentorId,
      relationship.mentorId,
    );
    await this.deps.jobs.enqueue("relationship.reassigned", {
      relationshipId: relationship.id,
      fromMentorId: last.fromMentorId,
      at: last.at,
    });
  }

  /** Job: the three messages of a reassignment, if the pair still has that new mentor. */
  async announce(relationshipId: string, fromMentorId: string, at: string): Promise<void> {
    const relationship = await this.deps.relationships.findById(relationshipId);
    if (
      !relationship ||
      relationship.status === "ended" ||
      relationship.mentorId === fromMentorId
    ) {
      return;
    }
    const milestones = await this.deps.milestones.list(relationship.id);
    const reassignment = {
      relationship,
      fromMentorId,
      at,
      roadmap: {
        relationshipId: relationship.id,
        mentorId: relationship.mentorId,
        menteeId: relationship.menteeId,
        goal: relationship.goal,
        milestones,
      },
      mentorToday: await this.todayFor(relationship.mentorId, milestones),
    };
    await this.deps.notifier.tellOldMentor(reassignment);
    await this.deps.notifier.introduceNewMentor(reassignment);
    await this.deps.notifier.tellMentee(reassignment);
  }

  /** Today on the person's calendar; their zone is read only when a due date is close enough to matter. */
  private async todayFor(userId: string, milestones: readonly Milestone[]): Promise<CalendarDate> {
    const now = this.deps.clock.now();
    const dueDates = milestones.flatMap((m) => (m.dueDate ? [m.dueDate] : []));
    if (!zoneDecidesOverdue(dueDates, now)) return todayIn("UTC", now);
    return todayIn(await this.deps.zones.of(userId), now);
  }

  private async requireHuman(userId: string): Promise<void> {
    const person = await this.deps.directory.lookup(userId);
    if (!person || person.deleted) throw new DomainError("unknown_user", { userId });
    if (person.isBot) throw new DomainError("bot_user", { userId });
  }
}
