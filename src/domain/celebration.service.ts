import type { Clock } from "../clock.js";
import { ABUSE_LIMITS } from "./abuse-limits.js";
import { type AdminDirectory, adminIds } from "./admin.js";
import type { Auditor } from "./audit-trail.js";
import type { CelebrationClaims, CelebrationNotifier, ShoutOutSlots } from "./celebration.js";
import {
  type Celebration,
  type CelebrationMode,
  celebrationOf,
  type RelationshipSettings,
  type ShoutOutOutcome,
} from "./celebration.js";
import type { CelebrationChannels } from "./celebration-channels.js";
import { DomainError } from "./errors.js";
import { requireText } from "./input-rules.js";
import type { JobEnqueuer } from "./jobs.js";
import type { Relationship, SettingsStore } from "./relationship.js";
import type { RelationshipAccess, Target } from "./relationship-access.js";
import type { Milestone, MilestoneStore, ShareAnswer } from "./roadmap.js";

const DAY_MS = 24 * 3600 * 1000;

export interface CelebrationDeps {
  access: RelationshipAccess;
  relationships: SettingsStore;
  milestones: Pick<
    MilestoneStore,
    "findById" | "list" | "answerShare" | "deferShoutOut" | "listShoutOutsDue"
  >;
  slots: ShoutOutSlots;
  /** Never purged: which marking of a milestone was celebrated (the delivery ledger forgets). */
  claims: CelebrationClaims;
  /** Where the mentee's "Share" sends the shout-out. */
  jobs: JobEnqueuer;
  notifier: CelebrationNotifier;
  audit: Auditor;
  clock: Clock;
  /** CELEBRATION_CHANNEL_ID and the channels admins allowed: the only places shout-outs go. */
  channels: Pick<CelebrationChannels, "defaultChannelId" | "isAllowed" | "list">;
  admins: AdminDirectory;
}

/** A pair's celebration choices, as they apply now. */
export interface CelebrationSettings {
  relationship: Relationship;
  mode: CelebrationMode;
  /** The channel in use: the pair's own, else the program's; null when neither is set. */
  channelId: string | null;
  channelIsDefault: boolean;
}

/** Shout-outs when milestones are reached, the mentor's congratulations, and the pair's choices. */
export class CelebrationService {
  constructor(private readonly deps: CelebrationDeps) {}

  async settings(actorId: string, target: Target): Promise<CelebrationSettings> {
    return this.describe(await this.relationship(actorId, target));
  }

  /** Either person of the pair (or a program admin) picks the channel. */
  async setChannel(
    actorId: string,
    target: Target,
    channelId: string,
  ): Promise<CelebrationSettings> {
    const relationship = await this.relationship(actorId, target);
    if (!(await this.deps.channels.isAllowed(channelId))) {
      throw new DomainError("channel_not_allowed", {
        allowed: (await this.deps.channels.list()).join(","),
      });
    }
    return this.save(actorId, relationship, { celebrationChannelId: channelId });
  }

  /** Whether shout-outs name the aspiration: the mentee's choice alone. */
  async setShareAspiration(
    actorId: string,
    target: Target,
    share: boolean,
  ): Promise<CelebrationSettings> {
    const relationship = await this.relationship(actorId, target);
    if (relationship.menteeId !== actorId) {
      throw new DomainError("not_the_mentee", { what: "aspiration" });
    }
    return this.save(actorId, relationship, { shareAspiration: share });
  }

  /** Public or private is the mentee's choice alone: it is their milestone. */
  async setMode(
    actorId: string,
    target: Target,
    mode: CelebrationMode,
  ): Promise<CelebrationSettings> {
    const relationship = await this.relationship(actorId, target);
    if (relationship.menteeId !== actorId) throw new DomainError("not_the_mentee");
    return this.save(actorId, relationship, { celebrate: mode });
  }

  /**
   * The celebration job: reloads the milestone and its pair, and celebrates
   * it if it is still reached. Each message is once-only per milestone, so
   * running this again (retry, duplicate job) is harmless; a milestone reopened
   * and marked again is not celebrated again, however long after.
   */
  async celebrate(milestoneId: string): Promise<void> {
    const stored = await this.deps.milestones.findById(milestoneId);
    const found = await this.reached(stored);
    if (!found) return this.stopWaiting(stored);
    const { milestone, relationship, celebration } = found;
    const marking = markingOf(milestone, relationship);
    if (!(await this.deps.claims.claim(milestoneId, marking, this.deps.clock.now()))) {
      return this.stopWaiting(milestone);
    }
    const { mode, channelId } = await this.describe(relationship);
    // The mentee said Share, or the shout-out waited for the next day (the pair's daily limit):
    // the mentor heard already, so the mentee is the one told if it doesn't go out now.
    const later = milestone.shareAnswer === "share" || Boolean(milestone.shoutOutDueAt);
    const toldId = later ? relationship.menteeId : relationship.mentorId;
    let outcome: ShoutOutOutcome;
    if (mode === "private" || !channelId) {
      outcome = mode === "private" ? { kind: "private" } : { kind: "no_channel" };
      await this.stopWaiting(milestone);
    } else if (later) {
      // Its deferred run, so post it (asking again would be kept from sending).
      outcome = await this.postShoutOut(celebration, channelId, toldId);
    } else if (milestone.doneBy && milestone.doneBy !== relationship.menteeId) {
      // Someone else marked it: the mentee says whether it goes in a channel.
      await this.deps.notifier.askMentee(celebration, channelId);
      outcome = { kind: "asked_mentee", channelId };
    } else outcome = await this.postShoutOut(celebration, channelId, toldId);
    await this.deps.notifier.tellMentor(celebration, outcome);
    if (later) await this.tellMenteeUnless(celebration, outcome);
    if (celebration.roadmapComplete) await this.deps.notifier.askForNextAspiration(celebration);
  }

  /** The mentee hears when what they expect in the channel is not there (yet). */
  private async tellMenteeUnless(c: Celebration, outcome: ShoutOutOutcome): Promise<void> {
    if (outcome.kind === "posted" || outcome.kind === "asked_mentee") return;
    await this.deps.notifier.tellMentee(c, outcome);
  }

  /** The mentee's answer to "Share it in #channel?"; Share posts the shout-out (a job). */
  async answerShare(
    actorId: string,
    milestoneId: string,
    answer: ShareAnswer,
  ): Promise<string | null> {
    const milestone = await this.deps.milestones.findById(milestoneId);
    if (!milestone) throw new DomainError("milestone_not_found");
    const relationship = await this.deps.access.byId(actorId, milestone.relationshipId);
    if (relationship.menteeId !== actorId) throw new DomainError("not_the_mentee");
    if (milestone.status !== "done") throw new DomainError("milestone_not_done");
    const first = await this.deps.milestones.answerShare(
      milestoneId,
      answer,
      this.deps.clock.now(),
    );
    if (first) {
      await this.deps.audit.record(actorId, `celebration.${answer}`, milestoneId);
      if (answer === "share") await this.deps.jobs.enqueue("celebrations.share", { milestoneId });
    }
    return (await this.describe(relationship)).channelId;
  }

  /**
   * The job after the mentee's "Share": the shout-out, once, if they still want it; they hear
   * when it is not posted (held to tomorrow, refused by Slack, or no longer possible).
   */
  async shareAfterAsking(milestoneId: string): Promise<void> {
    const found = await this.reached(await this.deps.milestones.findById(milestoneId));
    if (found?.milestone.shareAnswer !== "share") return;
    const { relationship, celebration } = found;
    const { mode, channelId } = await this.describe(relationship);
    let outcome: ShoutOutOutcome;
    if (mode === "private" || !channelId) {
      outcome = mode === "private" ? { kind: "private" } : { kind: "no_channel" };
      await this.stopWaiting(found.milestone);
    } else outcome = await this.postShoutOut(celebration, channelId, relationship.menteeId);
    await this.tellMenteeUnless(celebration, outcome);
  }

  /**
   * A shout-out held for the next day that will not go out after all (the pair ended, the
   * milestone was reopened, the mentee went private, no channel is left) stops waiting: else the
   * sweep would take it up every day, and enough of them would fill its page for good.
   */
  private async stopWaiting(milestone: Milestone | null): Promise<void> {
    if (milestone?.shoutOutDueAt) await this.deps.milestones.deferShoutOut(milestone.id, null);
  }

  /** A reached milestone of an active pair, and what its celebration says. */
  private async reached(milestone: Milestone | null) {
    if (milestone?.status !== "done") return null;
    const relationship = await this.deps.relationships.findById(milestone.relationshipId);
    if (relationship?.status !== "active") return null;
    const celebration = celebrationOf(
      {
        relationshipId: relationship.id,
        mentorId: relationship.mentorId,
        menteeId: relationship.menteeId,
        // The aspiration is the mentee's to share: it stays out unless they opted in.
        goal: relationship.settings.shareAspiration ? relationship.goal : null,
        milestones: await this.deps.milestones.list(relationship.id),
      },
      milestone,
    );
    return celebration ? { milestone, relationship, celebration } : null;
  }

  /**
   * The sweep: shout-outs that waited for the next day get their job again
   * (a job id of their own per day, so a finished first run doesn't hide it).
   */
  async sweepDeferred(limit = 100): Promise<number> {
    const due = await this.deps.milestones.listShoutOutsDue(this.deps.clock.now(), limit);
    for (const milestone of due) {
      await this.deps.jobs.enqueue("celebrations.post", {
        milestoneId: milestone.id,
        dueAt: milestone.shoutOutDueAt?.toISOString() ?? "",
      });
    }
    return due.length;
  }

  /**
   * Posts the shout-out once; a refusal for good is told to the admins, with who hears of it
   * (`toldId`: the caller tells them). Past the pair's shout-outs for the (UTC) day it waits for
   * the next day.
   */
  private async postShoutOut(
    celebration: Celebration,
    channelId: string,
    toldId: string,
  ): Promise<ShoutOutOutcome> {
    const now = this.deps.clock.now();
    const milestoneId = celebration.milestone.id;
    const day = now.toISOString().slice(0, 10);
    const limit = ABUSE_LIMITS.shoutOutsPerPairPerDay;
    const relationshipId = celebration.milestone.relationshipId;
    if (!(await this.deps.slots.claim(relationshipId, day, milestoneId, limit, now))) {
      const tomorrow = new Date(Date.parse(`${day}T00:00:00Z`) + DAY_MS);
      await this.deps.milestones.deferShoutOut(milestoneId, tomorrow);
      return { kind: "queued", channelId };
    }
    await this.stopWaiting(celebration.milestone);
    const posted = await this.deps.notifier.postShoutOut(channelId, celebration);
    if (posted.ok) return { kind: "posted", channelId };
    const outcome = { kind: "failed" as const, channelId, reason: posted.reason };
    const admins = await adminIds(this.deps.admins);
    await this.deps.notifier.tellAdmins(celebration, { ...outcome, toldId }, admins);
    return outcome;
  }

  /** The reached milestone the mentor's Congratulate button names, if the actor is that mentor. */
  async milestoneToCongratulate(
    actorId: string,
    milestoneId: string,
  ): Promise<{ milestone: Milestone; relationship: Relationship }> {
    const milestone = await this.deps.milestones.findById(milestoneId);
    if (!milestone) throw new DomainError("milestone_not_found");
    const relationship = await this.deps.access.byId(actorId, milestone.relationshipId);
    if (relationship.mentorId !== actorId) throw new DomainError("not_the_mentor");
    return { milestone, relationship };
  }

  /** The mentor's note (and an optional next step) goes to the mentee, once per submission. */
  async congratulate(
    actorId: string,
    milestoneId: string,
    submissionId: string,
    input: { note: string; nextStep: string },
  ): Promise<Relationship> {
    const { milestone, relationship } = await this.milestoneToCongratulate(actorId, milestoneId);
    const note = requireText(input.note, "note", "congratulation");
    const nextStep = input.nextStep.trim() ? nextStepText(input.nextStep) : "";
    await this.deps.notifier.sendCongratulation({
      submissionId,
      mentorId: relationship.mentorId,
      menteeId: relationship.menteeId,
      milestoneTitle: milestone.title,
      note,
      nextStep,
    });
    await this.deps.audit.record(actorId, "celebration.congratulated", milestone.id, {
      note,
      nextStep,
    });
    return relationship;
  }

  private relationship(actorId: string, target: Target): Promise<Relationship> {
    return this.deps.access.target(actorId, target);
  }

  private async save(
    actorId: string,
    relationship: Relationship,
    changes: RelationshipSettings,
  ): Promise<CelebrationSettings> {
    const updated = await this.deps.relationships.updateSettings(
      relationship.id,
      changes,
      this.deps.clock.now(),
    );
    if (!updated) throw new DomainError("no_roadmap_found");
    // Settings belong to the pair, so the entry is filed under the relationship.
    await this.deps.audit.record(
      actorId,
      "celebration.settings_changed",
      relationship.id,
      { ...changes },
      "relationship",
    );
    return this.describe(updated);
  }

  /** A pair's own channel counts while it is still allowed; otherwise the program's applies. */
  private async describe(relationship: Relationship): Promise<CelebrationSettings> {
    const picked = relationship.settings.celebrationChannelId;
    const own = picked && (await this.deps.channels.isAllowed(picked)) ? picked : undefined;
    return {
      relationship,
      mode: relationship.settings.celebrate ?? "public",
      channelId: own ?? this.deps.channels.defaultChannelId ?? null,
      channelIsDefault: !own,
    };
  }
}

/**
 * One marking of a milestone: when, and whether by the mentee (who is asked nothing). No user
 * id, so the claim holds no one's personal data.
 */
function markingOf(milestone: Milestone, relationship: Relationship): string {
  const by = milestone.doneBy === relationship.menteeId ? "mentee" : "other";
  return `${milestone.doneAt?.getTime() ?? 0}:${by}`;
}

/** The suggested next step is optional, but held to the same rules as any note. */
function nextStepText(raw: string): string {
  try {
    return requireText(raw, "note", "congratulation_next_step");
  } catch (error) {
    if (error instanceof DomainError) throw error.inField("next_step");
    throw error;
  }
}
