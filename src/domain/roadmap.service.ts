import type { Clock } from "../clock.js";
import { ABUSE_LIMITS } from "./abuse-limits.js";
import type { Auditor } from "./audit-trail.js";
import { todayIn, zoneDecidesOverdue } from "./calendar-date.js";
import { DomainError } from "./errors.js";
import { requireFutureDate, requireText } from "./input-rules.js";
import { LikelyPairs } from "./likely-pairs.js";
import type { UserDirectory } from "./people.js";
import type { GoalStore, Relationship } from "./relationship.js";
import type { RelationshipAccess, Target } from "./relationship-access.js";
import type {
  CalendarDate,
  Goal,
  Milestone,
  MilestonePick,
  MilestoneStore,
  ProgressEntry,
  ProgressLog,
  Roadmap,
} from "./roadmap.js";
import { findTemplate, templateMilestones } from "./roadmap-templates.js";

/** What App Home shows for one relationship. */
export interface HomeEntry {
  roadmap: Roadmap;
  recentProgress: ProgressEntry[];
}

export interface RoadmapDeps {
  access: RelationshipAccess;
  goals: GoalStore;
  milestones: MilestoneStore;
  progress: ProgressLog;
  audit: Auditor;
  directory: UserDirectory;
  clock: Clock;
  defaultTimezone: string;
}

export interface MilestoneDraft {
  title: string;
  dueDate?: string;
  description?: string;
}

/** A milestone with the number people see for it. */
export interface NumberedMilestone {
  roadmap: Roadmap;
  milestone: Milestone;
  number: number;
}

/** The career roadmap of a pair: aspiration, milestones and progress. */
export class RoadmapService {
  /** Which pair each person's roadmap commands are about, to read its milestones early. */
  private readonly likely = new LikelyPairs();

  constructor(private readonly deps: RoadmapDeps) {}

  /** Whether `otherId` is the actor's partner now: a mention after free text picks the pair then. */
  isPartner(actorId: string, otherId: string): Promise<boolean> {
    return this.deps.access.isPartner(actorId, otherId);
  }

  /** The roadmap to read: of a working mentorship, or else of the latest ended one. */
  async roadmap(actorId: string, target: Target): Promise<Roadmap> {
    return this.resolveAndLoad(actorId, target, (a, t) => this.deps.access.readable(a, t));
  }

  /**
   * The roadmap of a working mentorship, for a form that writes to it: an ended one is refused
   * when the form would open, not after it is filled in.
   */
  async roadmapToChange(actorId: string, target: Target): Promise<Roadmap> {
    const found = await this.roadmap(actorId, target);
    if (found.endedAt) throw new DomainError("mentorship_ended");
    return found;
  }

  /** Every relationship the person is in, with roadmap and latest notes (App Home). */
  async homeFor(userId: string): Promise<HomeEntry[]> {
    const relationships = await this.deps.access.mine(userId);
    return Promise.all(
      relationships.map(async (relationship) => ({
        roadmap: await this.load(relationship),
        recentProgress: await this.deps.progress.listForRelationship(relationship.id, 3),
      })),
    );
  }

  async setGoal(
    actorId: string,
    target: Target,
    aspiration: string,
    targetDate?: string,
  ): Promise<Roadmap> {
    const relationship = await this.relationship(actorId, target);
    const goal: Goal = {
      aspiration: requireText(aspiration, "aspiration", "goal"),
      targetDate: targetDate ? await this.futureDate(actorId, targetDate) : null,
      updatedAt: this.deps.clock.now(),
      updatedBy: actorId,
    };
    const updated = await this.deps.goals.setGoal(relationship.id, goal);
    if (!updated) throw new DomainError("no_roadmap_found");
    await this.deps.audit.record(actorId, "goal.set", relationship.id, { ...goal });
    return this.load(updated);
  }

  async addMilestone(
    actorId: string,
    target: Target,
    draft: MilestoneDraft,
  ): Promise<NumberedMilestone> {
    const relationship = await this.relationship(actorId, target);
    const title = requireText(draft.title, "title", "milestone_add");
    const description = draft.description?.trim()
      ? requireText(draft.description, "description", "milestone_description")
      : "";
    const dueDate = draft.dueDate ? await this.futureDate(actorId, draft.dueDate) : null;
    const limit = ABUSE_LIMITS.milestonesPerRoadmap;
    if ((await this.deps.milestones.list(relationship.id)).length >= limit) {
      throw new DomainError("limit_reached", { what: "milestones", limit: String(limit) });
    }
    const milestone = await this.deps.milestones.add(relationship.id, {
      title,
      description,
      dueDate,
      createdBy: actorId,
      now: this.deps.clock.now(),
    });
    await this.deps.audit.record(actorId, "milestone.added", milestone.id, {
      title,
      dueDate,
      relationshipId: relationship.id,
    });
    return this.numbered(relationship, milestone.id);
  }

  /**
   * Adds several milestones at once (the mentor's kickoff suggestion). Every row is checked
   * before the first is written, so a refusal writes nothing; it names the row's field.
   */
  async addMilestones(
    actorId: string,
    target: Target,
    drafts: ReadonlyArray<{ title: string; dueDate: string; field: number }>,
  ): Promise<Roadmap> {
    const relationship = await this.relationship(actorId, target);
    const checked: Array<{ title: string; dueDate: CalendarDate }> = [];
    for (const draft of drafts) {
      const onRow = (field: string) => (error: unknown) => {
        throw error instanceof DomainError ? error.inField(`${field}_${draft.field}`) : error;
      };
      const title = await Promise.resolve()
        .then(() => requireText(draft.title, "title", "milestone_add"))
        .catch(onRow("title"));
      const dueDate = await this.futureDate(actorId, draft.dueDate).catch(onRow("due"));
      checked.push({ title, dueDate });
    }
    await this.addAll(actorId, relationship, checked);
    await this.deps.audit.record(actorId, "milestone.added_many", relationship.id, {
      count: checked.length,
    });
    return this.load(relationship);
  }

  /**
   * Adds every milestone of a template, due weeks from today (the actor's zone). The template
   * and the milestone limit are checked first, so a refusal writes nothing.
   */
  async addFromTemplate(actorId: string, target: Target, templateText: string): Promise<Roadmap> {
    const template = findTemplate(templateText);
    const relationship = await this.relationship(actorId, target);
    const drafts = templateMilestones(template, await this.todayFor(actorId));
    await this.addAll(actorId, relationship, drafts);
    await this.deps.audit.record(actorId, "milestone.template_applied", relationship.id, {
      template: template.id,
    });
    return this.load(relationship);
  }

  /** Adds checked milestones, all or none: the roadmap's limit is checked before the first. */
  private async addAll(
    actorId: string,
    relationship: Relationship,
    drafts: ReadonlyArray<{ title: string; dueDate: CalendarDate }>,
  ): Promise<void> {
    const limit = ABUSE_LIMITS.milestonesPerRoadmap;
    if ((await this.deps.milestones.list(relationship.id)).length + drafts.length > limit) {
      throw new DomainError("limit_reached", { what: "milestones", limit: String(limit) });
    }
    const now = this.deps.clock.now();
    for (const { title, dueDate } of drafts) {
      await this.deps.milestones.add(relationship.id, {
        title,
        description: "",
        dueDate,
        createdBy: actorId,
        now,
      });
    }
  }

  async editMilestone(
    actorId: string,
    target: Target,
    number: number,
    draft: MilestoneDraft,
  ): Promise<NumberedMilestone> {
    const { roadmap, milestone } = await this.milestoneByNumber(actorId, target, number);
    const title = requireText(draft.title, "title", "milestone_edit");
    const dueDate = draft.dueDate
      ? await this.futureDate(actorId, draft.dueDate)
      : milestone.dueDate;
    const changes = { title, dueDate };
    const edited = await this.deps.milestones.update(milestone.id, changes, this.deps.clock.now());
    if (!edited) throw new DomainError("milestone_not_found", { number: String(number) });
    await this.deps.audit.record(actorId, "milestone.edited", milestone.id, {
      before: { title: milestone.title, dueDate: milestone.dueDate },
      after: changes,
    });
    return this.numbered(
      await this.relationship(actorId, { relationshipId: roadmap.relationshipId }),
      milestone.id,
    );
  }

  /** Looks a milestone up by number (or by the id a form carries), with its current number. */
  async milestoneByNumber(
    actorId: string,
    target: Target,
    pick: MilestonePick,
  ): Promise<NumberedMilestone> {
    const roadmap = await this.resolveAndLoad(actorId, target, (a, t) => this.relationship(a, t));
    if (typeof pick !== "number") {
      const index = roadmap.milestones.findIndex((m) => m.id === pick.milestoneId);
      const milestone = roadmap.milestones[index];
      if (!milestone)
        throw new DomainError("milestone_not_found", { field: "milestone", gone: "yes" });
      return { roadmap, milestone, number: index + 1 };
    }
    const milestone = roadmap.milestones[pick - 1];
    if (!milestone) throw new DomainError("milestone_not_found", { number: String(pick) });
    return { roadmap, milestone, number: pick };
  }

  /** Removes a milestone named by id (the confirmation button carries it). */
  async removeMilestone(actorId: string, milestoneId: string): Promise<Milestone> {
    const milestone = await this.deps.milestones.findById(milestoneId);
    if (!milestone) throw new DomainError("milestone_not_found");
    await this.relationship(actorId, { relationshipId: milestone.relationshipId });
    const removed = await this.deps.milestones.remove(milestone.id, this.deps.clock.now());
    if (!removed) throw new DomainError("milestone_not_found");
    await this.deps.audit.record(actorId, "milestone.removed", milestone.id, {
      title: milestone.title,
    });
    return removed;
  }

  private relationship(actorId: string, target: Target): Promise<Relationship> {
    return this.deps.access.target(actorId, target);
  }

  private async load(relationship: Relationship, milestones?: Milestone[]): Promise<Roadmap> {
    return {
      relationshipId: relationship.id,
      mentorId: relationship.mentorId,
      menteeId: relationship.menteeId,
      goal: relationship.goal,
      milestones: milestones ?? (await this.deps.milestones.list(relationship.id)),
      endedAt: relationship.status === "ended" ? relationship.endedAt : null,
    };
  }

  /**
   * The roadmap of the pair `resolve` finds (the access check), its milestones read at the same
   * time for the likely pair (see LikelyPairs): what was read for a wrong guess, or a failed
   * read, is not used, and the pair found is read then.
   */
  private async resolveAndLoad(
    actorId: string,
    target: Target,
    resolve: (actorId: string, target: Target) => Promise<Relationship>,
  ): Promise<Roadmap> {
    const guess = this.likely.guess(actorId, target);
    const ahead = guess === undefined ? null : this.deps.milestones.list(guess).catch(() => null);
    const [relationship, read] = await Promise.all([resolve(actorId, target), ahead]);
    this.likely.found(actorId, target, relationship.id);
    return this.load(relationship, relationship.id === guess && read ? read : undefined);
  }

  /** A milestone with its current number, after a change (for the reply). */
  async reload(
    actorId: string,
    relationshipId: string,
    milestoneId: string,
  ): Promise<NumberedMilestone> {
    return this.numbered(await this.relationship(actorId, { relationshipId }), milestoneId);
  }

  private async numbered(
    relationship: Relationship,
    milestoneId: string,
  ): Promise<NumberedMilestone> {
    const roadmap = await this.load(relationship);
    const index = roadmap.milestones.findIndex((m) => m.id === milestoneId);
    const milestone = roadmap.milestones[index];
    if (!milestone) throw new DomainError("milestone_not_found");
    return { roadmap, milestone, number: index + 1 };
  }

  /** Today where the person is: what "overdue" means to them. */
  async todayFor(userId: string): Promise<CalendarDate> {
    return todayIn(await this.timeZoneOf(userId), this.deps.clock.now());
  }

  /**
   * A today that marks exactly the milestones the person would see overdue: their own, read
   * from their profile, only when a due date is close enough for their zone to matter.
   */
  async todayForOverdue(userId: string, milestones: readonly Milestone[]): Promise<CalendarDate> {
    const now = this.deps.clock.now();
    const dueDates = milestones.flatMap((m) => (m.dueDate ? [m.dueDate] : []));
    return zoneDecidesOverdue(dueDates, now) ? this.todayFor(userId) : todayIn("UTC", now);
  }

  private async timeZoneOf(userId: string): Promise<string> {
    const person = await this.deps.directory.lookup(userId).catch(() => null);
    return person?.timezone ?? this.deps.defaultTimezone;
  }

  private async futureDate(actorId: string, raw: string): Promise<CalendarDate> {
    return requireFutureDate(raw, await this.timeZoneOf(actorId), this.deps.clock.now());
  }
}
