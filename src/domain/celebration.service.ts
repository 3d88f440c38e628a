import type { Clock } from "../clock.js";
import { ABUSE_LIMITS } from "./abuse-limits.js";
import { type AdminDirectory, adminIds } from "./admin.js";
import type { Auditor } from "./audit-trail.js";
import type { CelebrationClaims, CelebrationNotifier, ShoutOutSlots } from "./celebration.js";
import { type Celebration, celebrationOf, type ShoutOutOutcome } from "./celebration.js";
import { type ShoutOutChannels, settingsOf } from "./celebration-settings.service.js";
import { DomainError } from "./errors.js";
import type { JobEnqueuer } from "./jobs.js";
import type { Relationship, SettingsStore } from "./relationship.js";
import type { RelationshipAccess } from "./relationship-access.js";
import type { Milestone, MilestoneStore, ShareAnswer } from "./roadmap.js";

const DAY_MS = 24 * 3600 * 1000;

export interface CelebrationDeps {
  access: RelationshipAccess;
  relationships: Pick<SettingsStore, "findById">;
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
  channels: ShoutOutChannels;
  admins: AdminDirectory;
}

/**
 * Shout-outs when milestones are reached: the mentor hears, the mentee is asked when someone
 * else marked it, and the channel post goes out once. The pair's choices are
 * CelebrationSettingsService's; the mentor's note is CongratulationService's.
 */
export class CelebrationService {
  constructor(private readonly deps: CelebrationDeps) {}

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
    const { mode, channelId } = await settingsOf(relationship, this.deps.channels);
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
    return (await settingsOf(relationship, this.deps.channels)).channelId;
  }

  /**
   * The job after the mentee's "Share": the shout-out, once, if they still want it; they hear
   * when it is not posted (held to tomorrow, refused by Slack, or no longer possible).
   */
  async shareAfterAsking(milestoneId: string): Promise<void> {
    const found = await this.reached(await this.deps.milestones.findById(milestoneId));
    if (found?.milestone.shareAnswer !== "share") return;
    const { relationship, celebration } = found;
    const { mode, channelId } = await settingsOf(relationship, this.deps.channels);
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
      const nextDay = new Date(Date.parse(`${day}T00:00:00Z`) + DAY_MS);
      await this.deps.milestones.deferShoutOut(milestoneId, nextDay);
      // The time itself, not "tomorrow": a UTC midnight is this evening in New York.
      return { kind: "queued", channelId, at: nextDay };
    }
    await this.stopWaiting(celebration.milestone);
    const posted = await this.deps.notifier.postShoutOut(channelId, celebration);
    if (posted.ok) return { kind: "posted", channelId };
    const failure = { channelId, reason: posted.reason, toldId };
    const admins = await adminIds(this.deps.admins);
    if (admins.length > 0) await this.deps.notifier.tellAdmins(celebration, failure, admins);
    return { kind: "failed", channelId, reason: posted.reason, adminsTold: admins.length > 0 };
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
