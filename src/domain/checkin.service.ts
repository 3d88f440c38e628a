import type { Clock } from "../clock.js";
import { type AdminDirectory, adminIds } from "./admin.js";
import type { Auditor } from "./audit-trail.js";
import { DEFAULT_CADENCE } from "./cadence.js";
import type { CalendarSource } from "./calendars.js";
import type { CheckinNotifier, NumberedOpenMilestone } from "./checkin.js";
import {
  type AnswerKind,
  type Checkin,
  type CheckinStore,
  MISSED_STREAK,
  REFLECTION_EVERY,
} from "./checkin.js";
import { DomainError } from "./errors.js";
import type { JobEnqueuer } from "./jobs.js";
import type { MilestoneProgressService } from "./milestone-progress.service.js";
import { nextCheckin } from "./next-checkin.js";
import type { ProgramTally } from "./program-tally.js";
import type { Relationship, ScheduleStore } from "./relationship.js";
import { type MilestoneStore, openMilestonesOf } from "./roadmap.js";
import { nextTimeIn } from "./working-hours.js";

export interface CheckinDeps {
  relationships: Pick<ScheduleStore, "findById">;
  checkins: CheckinStore;
  milestones: Pick<MilestoneStore, "list">;
  milestoneProgress: MilestoneProgressService;
  notifier: CheckinNotifier;
  /**
   * The mentee's calendar, for a snoozed reminder's time. Other reminders are placed in their
   * working hours by the sweep when they come due, so sending a check-in reads none.
   */
  calendars: CalendarSource;
  jobs: JobEnqueuer;
  audit: Auditor;
  clock: Clock;
  admins: AdminDirectory;
  tally: ProgramTally;
}

export interface CheckinSummary {
  paused: boolean;
  /** When the next check-in reaches the mentee, as the sweep will send it (see nextCheckin). */
  nextCheckinAt: Date | null;
  latestAnswers: Checkin[];
}

const DAY_MS = 24 * 3600 * 1000;

/** Check-ins themselves: their delivery, the mentee's answers, reminders, and what the mentor hears. */
export class CheckinService {
  constructor(private readonly deps: CheckinDeps) {}

  /**
   * "On track" or "Need help" from the check-in's buttons. Only the mentee answers. With their
   * mentor gone from the workspace (`mentorLeft`), nobody hears an answer but the admins a
   * call for help (announceAnswer, which the follow-up sweep runs again until it is done);
   * `noAdmins`: there are none, so that call reaches nobody.
   */
  async answer(
    actorId: string,
    checkinId: string,
    kind: Exclude<AnswerKind, "progress">,
  ): Promise<{ checkin: Checkin; mentorLeft: boolean; noAdmins: boolean }> {
    const { checkin, relationship } = await this.ownCheckinAndPair(actorId, checkinId);
    const open = await this.openMilestones(checkin.relationshipId);
    const answered = await this.recordAnswer(checkin, {
      kind,
      note: "",
      milestoneTitles: open.map((m) => m.milestone.title),
      by: actorId,
      at: this.deps.clock.now(),
    });
    const mentorLeft = await this.mentorLeft(relationship, relationship.mentorId);
    return {
      checkin: answered,
      mentorLeft,
      noAdmins: mentorLeft && kind === "need_help" && (await this.noAdmins()),
    };
  }

  /** No program admin is set: nobody stands in for a mentor who left. Read only then. */
  private async noAdmins(): Promise<boolean> {
    return (await this.deps.admins.list()).length === 0;
  }

  /**
   * Whether the pair's mentor left the workspace. A pair that marks them present is
   * believed; one marking them gone (a mark can outlive a comeback) or without marks (a pair
   * from before them) is checked against the person.
   */
  private async mentorLeft(relationship: Relationship | null, mentorId: string): Promise<boolean> {
    const left = relationship?.leftWorkspace;
    if (left && !left.includes(mentorId)) return false;
    return Boolean((await this.deps.calendars.of(mentorId)).left);
  }

  /** "Log progress" from the check-in's modal: logs on the roadmap, and counts as the answer. */
  async answerWithProgress(
    actorId: string,
    checkinId: string,
    progress: { milestoneId: string; note: string; markDone: boolean },
  ): Promise<Checkin> {
    const checkin = await this.ownCheckin(actorId, checkinId);
    if (!progress.milestoneId) {
      throw new DomainError("milestone_not_picked", { field: "milestone" });
    }
    // The answer's unique mark first: of two submissions at once (a double click), only one
    // writes progress, and the other hears the check-in was answered.
    const at = this.deps.clock.now();
    if (!(await this.deps.checkins.claimAnswer(checkin.id, at))) {
      throw new DomainError("checkin_already_answered");
    }
    let title: string;
    try {
      title = await this.logProgress(actorId, checkin, progress);
    } catch (error) {
      // Refused (a milestone removed meanwhile, a note too long): the form may try again.
      await this.deps.checkins.releaseClaim(checkin.id);
      throw error;
    }
    const answer = {
      kind: "progress" as const,
      note: progress.note.trim(),
      milestoneTitles: [title],
      by: actorId,
      at,
    };
    const answered = await this.deps.checkins.answerClaimed(checkin.id, answer);
    return this.afterAnswer(checkin, answered, answer);
  }

  /** The progress of the check-in's modal, on the roadmap; the milestone's title as the mentor reads it. */
  private async logProgress(
    actorId: string,
    checkin: Checkin,
    progress: { milestoneId: string; note: string; markDone: boolean },
  ): Promise<string> {
    const target = { relationshipId: checkin.relationshipId };
    const pick = { milestoneId: progress.milestoneId };
    const reached = progress.markDone
      ? await this.deps.milestoneProgress.markDone(actorId, target, pick, progress.note)
      : null;
    const logged =
      reached ??
      (await this.deps.milestoneProgress.logProgress(actorId, target, pick, progress.note));
    // Marked reached by someone else while the form was open: not the mentee's news.
    const suffix = !reached ? "" : reached.firstTime ? " (reached!)" : " (already reached)";
    return `${logged.milestone.title}${suffix}`;
  }

  /** A check-in its mentee may still answer (for opening the progress modal). */
  async checkinFor(actorId: string, checkinId: string): Promise<Checkin> {
    return this.ownCheckin(actorId, checkinId);
  }

  /** "Snooze 1 day": the reminder comes a day later, in working hours. */
  async snooze(actorId: string, checkinId: string): Promise<Date> {
    const checkin = await this.ownCheckin(actorId, checkinId);
    const remindAt = await this.workingDayLater(checkin.menteeId, this.deps.clock.now());
    const snoozed = await this.deps.checkins.snooze(checkin.id, remindAt);
    if (!snoozed)
      throw new DomainError(
        checkin.status === "missed" ? "checkin_closed" : "checkin_already_answered",
      );
    return remindAt;
  }

  /** Job: send a scheduled check-in, once. */
  async deliver(checkinId: string): Promise<void> {
    const checkin = await this.deps.checkins.findById(checkinId);
    if (!checkin) return;
    if (checkin.status !== "scheduled") {
      // A retry after the check-in went out: the reflection prompt may still be owed (sent once).
      if (checkin.sentAt && checkin.sequence % REFLECTION_EVERY === 0) {
        await this.deps.notifier.sendReflectionPrompt(await this.withCurrentMentor(checkin));
      }
      return;
    }
    const relationship = await this.deps.relationships.findById(checkin.relationshipId);
    // Pausing stops scheduled check-ins; one asked for with `now` is still sent.
    const paused = relationship?.checkinsPaused && !checkin.slot.startsWith("now:");
    if (relationship?.status !== "active" || paused) {
      await this.deps.checkins.transition(checkin.id, ["scheduled"], "skipped");
      return;
    }
    const { open: milestones, allReached } = await this.shownMilestones(relationship);
    // The pair knows who of it left (marked before the person's record flips): one known
    // present is not read again. One marked gone, or a pair from before it knew, is read: on
    // FerretDB two marks of one pair at once (both people leave or come back together) can lose
    // one, and a mentee back in the workspace would otherwise get no check-in again.
    const left = relationship.leftWorkspace;
    const knownPresent = left !== undefined && !left.includes(checkin.menteeId);
    const mentorLeft = left?.includes(checkin.mentorId) ?? false;
    // Only a pair whose mentor left reads the admins: the check-in says who would hear a call for help.
    const noAdmins = mentorLeft && (await this.noAdmins());
    const delivered = await this.deps.notifier.sendCheckin(checkin, milestones, {
      menteePresent: knownPresent,
      mentorLeft,
      noAdmins,
      allReached,
    });
    if (!delivered) {
      // Nothing sent (the mentee left, or a `skip` withheld it): skipped, as for a paused pair,
      // so it is neither counted as sent nor, unanswered, as missed.
      await this.deps.checkins.transition(checkin.id, ["scheduled"], "skipped");
      return;
    }
    const message = { channel: delivered.channel, ts: delivered.ts };
    const now = this.deps.clock.now();
    const event = {
      kind: "checkin_sent" as const,
      sourceId: checkin.id,
      relationshipId: checkin.relationshipId,
      at: now,
    };
    // Counted once. The ledger's record of the DM already tells which call sent it, so that
    // call counts it without a mark of its own (a retry that finds the DM sent counts nothing;
    // a crash between the two writes loses the count, as between a mark and its count).
    // The count and the save touch different documents and neither waits on the other:
    // together, one round trip.
    const counted = delivered.sentNow ? this.deps.tally.recordFirst(event) : undefined;
    const saved = {
      sentAt: now,
      message,
      // A day later; the sweep's reminder pass moves it into the mentee's working hours when
      // it comes due, so sending reads no calendar (two database reads less per check-in).
      remindAt: new Date(now.getTime() + DAY_MS),
    };
    // A reflection's check-in is saved and read back in one step: the prompt goes to the mentor
    // of the moment (a reassignment moves open check-ins; the pair is read again for one a
    // sweep made just before). The same write marks the prompt owed, so a sweep sends it should
    // this job be lost before it does (Redis lost). Any other is saved with others sent at the
    // same moment, and is the check-in read above with these fields.
    const reflection = checkin.sequence % REFLECTION_EVERY === 0;
    const [, sent] = await Promise.all([
      counted,
      reflection
        ? this.deps.checkins.transition(checkin.id, ["scheduled"], "sent", {
            ...saved,
            reflectionOwed: true,
          })
        : this.deps.checkins.saveSent(checkin, saved),
    ]);
    if (!sent) {
      // Answered in the moment between the DM and this save: keep where the message is,
      // and show the answer on it now (the answer's own job found no message to update).
      const answered = await this.deps.checkins.transition(checkin.id, ["answered"], "answered", {
        sentAt: now,
        message,
      });
      if (answered) await this.deps.notifier.showAnswered(answered, { mentorLeft, noAdmins });
    } else if (reflection) {
      await this.deps.notifier.sendReflectionPrompt(await this.withCurrentMentor(sent));
    }
  }

  /**
   * Job: a reflection prompt a sweep found still owed (its send job lost, or done but not
   * known to be). The ledger sends it once, however many of these and the send job run; then
   * the mark goes, so no sweep asks again.
   */
  async sendOwedReflection(checkinId: string): Promise<void> {
    const checkin = await this.deps.checkins.findById(checkinId);
    if (!checkin?.reflectionOwed) return;
    const relationship = await this.deps.relationships.findById(checkin.relationshipId);
    // Ended meanwhile: its closing DM invites a reflection of its own.
    if (relationship?.status === "active") {
      await this.deps.notifier.sendReflectionPrompt(addressedToMentorOf(relationship, checkin));
    }
    await this.deps.checkins.reflectionSettled(checkin.id);
  }

  /** Job: the one gentle reminder; unanswered a day after it, the check-in counts as missed. */
  async remind(checkinId: string, remindAt: string): Promise<void> {
    const checkin = await this.deps.checkins.findById(checkinId);
    if (
      checkin?.status !== "sent" ||
      checkin.remindedAt ||
      checkin.remindAt?.toISOString() !== remindAt
    )
      return;
    // Queued before the pair ended: nothing more is sent for it.
    const relationship = await this.deps.relationships.findById(checkin.relationshipId);
    if (relationship?.status !== "active") return;
    // Paused (a snooze or a sweep that crossed the pause put it back): no reminder, and out of
    // the follow-up index, so it is not missed either. One asked for with `now` still is.
    if (relationship.checkinsPaused && !checkin.slot.startsWith("now:")) {
      await this.deps.checkins.parkSent(checkin.id);
      return;
    }
    // Answered, with the answer lost to a write of the same moment (the sent save, on FerretDB):
    // the answer is put back, and nobody is reminded of what they did.
    if (await this.deps.checkins.restoreAnswer(checkin.id)) return;
    await this.deps.notifier.sendReminder(checkin);
    const now = this.deps.clock.now();
    await this.deps.checkins.markReminded(checkin.id, now, new Date(now.getTime() + DAY_MS));
  }

  /** Job: tell the mentor, and show the answer on the mentee's message. */
  async announceAnswer(checkinId: string): Promise<void> {
    const found = await this.deps.checkins.findById(checkinId);
    // Not answered as stored: perhaps a write of the same moment took the answer off (FerretDB).
    const checkin =
      found?.status === "answered" ? found : await this.deps.checkins.restoreAnswer(checkinId);
    if (!checkin) return;
    const relationship = await this.deps.relationships.findById(checkin.relationshipId);
    const addressed = addressedToMentorOf(relationship, checkin);
    const mentorLeft = await this.mentorLeft(relationship, addressed.mentorId);
    const helpUnheard = mentorLeft && checkin.answer?.kind === "need_help";
    // Nobody is there to hear a call for help: the admins do (each once, through the ledger),
    // if the program has any.
    const admins = helpUnheard ? await adminIds(this.deps.admins) : [];
    if (admins.length > 0) {
      await this.deps.notifier.tellAdminsHelpUnheard(addressed, admins);
    } else if (!mentorLeft) {
      await this.deps.notifier.tellMentor(addressed);
    }
    // After the mentor: an edit Slack refuses for good (the message deleted) must not keep
    // them from hearing. The edit only takes the buttons away and says who heard.
    await this.deps.notifier.showAnswered(addressed, {
      mentorLeft,
      noAdmins: helpUnheard && admins.length === 0,
    });
    // Until this is recorded the follow-up pass announces it again (this job, once more).
    await this.deps.checkins.markAnnounced(checkin.id, this.deps.clock.now());
  }

  /**
   * Job: several misses in a row. Until the run is marked checked, after the DMs (each once,
   * through the ledger), the follow-up pass queues this job again: a job lost with Redis is
   * not the end of it.
   */
  async announceMissedStreak(checkinId: string): Promise<void> {
    const checkin = await this.deps.checkins.findById(checkinId);
    if (!checkin) return;
    const relationship = await this.deps.relationships.findById(checkin.relationshipId);
    if (relationship?.status === "active") {
      const refused = await this.deps.notifier.tellMissedStreak(
        checkin,
        relationship,
        await adminIds(this.deps.admins),
      );
      // Nobody can tell them (Slack refused for good): recorded, and the run is done all the same.
      for (const { userId, code } of refused) {
        await this.deps.audit.record("system", "checkin.streak_unheard", checkin.id, {
          userId,
          code,
        });
      }
    }
    // The whole run from this, its newest, on: the miss that completed it may be an older one
    // (snoozed past the newest), and the pair may have later check-ins by now.
    const recent = await this.deps.checkins.recent(checkin.relationshipId, 2 * MISSED_STREAK);
    const from = Math.max(
      0,
      recent.findIndex((c) => c.id === checkin.id),
    );
    const run = recent.slice(from, from + MISSED_STREAK);
    const unchecked = run.filter((c) => c.status === "missed" && !c.streakCheckedAt);
    const ids = new Set([checkin.id, ...unchecked.map((c) => c.id)]);
    await this.deps.checkins.markStreakChecked([...ids], this.deps.clock.now());
  }

  /** For App Home: the next check-in and the latest answers. */
  async summary(relationshipId: string): Promise<CheckinSummary> {
    const [relationship, recent] = await Promise.all([
      this.deps.relationships.findById(relationshipId),
      this.deps.checkins.recent(relationshipId, 10),
    ]);
    const slot = relationship?.checkinsPaused ? null : (relationship?.nextCheckinAt ?? null);
    // What the sweep will really send next: a check-in it holds back for the mentee (among the
    // latest, already read), else the slot's, or the next slot's when it would fold this one in.
    const next =
      relationship && slot
        ? nextCheckin(
            recent,
            slot,
            await this.deps.calendars.of(relationship.menteeId),
            relationship.cadence ?? DEFAULT_CADENCE,
          )
        : null;
    return {
      paused: Boolean(relationship?.checkinsPaused),
      nextCheckinAt: next?.arrivesAt ?? null,
      latestAnswers: recent.filter((c) => c.answer).slice(0, 3),
    };
  }

  private async recordAnswer(
    checkin: Checkin,
    answer: NonNullable<Checkin["answer"]>,
  ): Promise<Checkin> {
    return this.afterAnswer(checkin, await this.deps.checkins.answer(checkin.id, answer), answer);
  }

  /** What follows an answer: its count, its audit line, and its announcement to the mentor. */
  private async afterAnswer(
    checkin: Checkin,
    answered: Checkin | null,
    answer: NonNullable<Checkin["answer"]>,
  ): Promise<Checkin> {
    if (!answered) throw new DomainError("checkin_already_answered");
    await this.deps.tally.record({
      kind: "checkin_answered",
      sourceId: checkin.id,
      relationshipId: checkin.relationshipId,
      at: answer.at,
      // Counted with the check-ins sent that day: the answer rate is of those.
      countsOn: answered.sentAt ?? answer.at,
      answerKind: answer.kind,
    });
    await this.deps.audit.record(answer.by, "checkin.answered", checkin.id, { kind: answer.kind });
    await this.deps.jobs.enqueue("checkins.answered", { checkinId: checkin.id });
    return answered;
  }

  /** The check-in addressed to its pair's mentor of now (see addressedToMentorOf). */
  private async withCurrentMentor(checkin: Checkin): Promise<Checkin> {
    const relationship = await this.deps.relationships.findById(checkin.relationshipId);
    return addressedToMentorOf(relationship, checkin);
  }

  /** A day after `from`, moved into the person's working hours. */
  private async workingDayLater(userId: string, from: Date): Promise<Date> {
    const dayLater = new Date(from.getTime() + DAY_MS);
    return nextTimeIn(await this.deps.calendars.of(userId), dayLater) ?? dayLater;
  }

  private async ownCheckin(actorId: string, checkinId: string): Promise<Checkin> {
    return (await this.ownCheckinAndPair(actorId, checkinId)).checkin;
  }

  /** A check-in its mentee may answer now, with its pair as read to decide that. */
  private async ownCheckinAndPair(
    actorId: string,
    checkinId: string,
  ): Promise<{ checkin: Checkin; relationship: Relationship }> {
    const checkin = await this.deps.checkins.findById(checkinId);
    if (!checkin || checkin.menteeId !== actorId) throw new DomainError("checkin_not_found");
    if (checkin.status === "answered") throw new DomainError("checkin_already_answered");
    const relationship = await this.deps.relationships.findById(checkin.relationshipId);
    if (!relationship || relationship.status === "ended") throw new DomainError("mentorship_ended");
    // A paused (or not yet active) pair: answers would reach a mentor who is not mentoring now.
    if (relationship.status !== "active")
      throw new DomainError("mentorship_not_active", { status: relationship.status });
    // Skipped (never sent, or closed with its pair): nothing to answer, no progress written for it.
    if (checkin.status === "skipped") throw new DomainError("checkin_not_found");
    return { checkin, relationship };
  }

  private async openMilestones(relationshipId: string): Promise<NumberedOpenMilestone[]> {
    return openMilestonesOf(await this.deps.milestones.list(relationshipId));
  }

  /**
   * The open milestones a check-in shows, kept on the pair by the roadmap's writes (see
   * RoadmapPreviews), and whether none is open because every one was reached. The roadmap is
   * read only when the pair keeps none, or keeps none open of a roadmap that once changed: a
   * new pair's empty roadmap costs no read.
   */
  private async shownMilestones(
    relationship: Relationship,
  ): Promise<{ open: readonly NumberedOpenMilestone[]; allReached: boolean }> {
    const kept = relationship.openMilestones;
    if (kept && (kept.length > 0 || !relationship.roadmapRev)) {
      return { open: kept, allReached: false };
    }
    const roadmap = await this.deps.milestones.list(relationship.id);
    const open = openMilestonesOf(roadmap);
    return { open, allReached: open.length === 0 && roadmap.length > 0 };
  }
}

/**
 * A reassignment moves open check-ins to the new mentor, but one a sweep made from the pair as
 * read just before the reassignment can keep the old mentor; the pair is the truth.
 */
function addressedToMentorOf(relationship: Relationship | null, checkin: Checkin): Checkin {
  return relationship ? { ...checkin, mentorId: relationship.mentorId } : checkin;
}
