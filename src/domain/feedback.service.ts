import type { Clock } from "../clock.js";
import { ABUSE_LIMITS } from "./abuse-limits.js";
import type { Auditor } from "./audit-trail.js";
import { type BlockChecker, requireNotBlocked } from "./blocking.js";
import type { CalendarSource } from "./calendars.js";
import { DomainError } from "./errors.js";
import {
  FEEDBACK_EXPIRES_AFTER_MS,
  type FeedbackEntry,
  type FeedbackEntryStore,
  type FeedbackFields,
  type FeedbackNotifier,
  type FeedbackRequest,
  type FeedbackRequestStore,
  feedbackRequestKey,
  type NumberedRequest,
} from "./feedback.js";
import { validateFields } from "./feedback-fields.js";
import { type FeedbackWhen, resolveFeedbackTime } from "./feedback-time.js";
import { requireText } from "./input-rules.js";
import type { JobEnqueuer } from "./jobs.js";
import type { UserDirectory } from "./people.js";
import type { ProgramTally } from "./program-tally.js";
import { isMember, otherPerson, type Relationship } from "./relationship.js";
import type { RelationshipAccess } from "./relationship-access.js";
import type { TimeZones } from "./time-zones.js";
import { isWorkingTime, nextTimeIn } from "./working-hours.js";

export interface FeedbackDeps {
  access: RelationshipAccess;
  requests: FeedbackRequestStore;
  entries: FeedbackEntryStore;
  directory: UserDirectory;
  zones: TimeZones;
  /** The giver's calendar: reminders come in their working hours, never on days off. */
  calendars: CalendarSource;
  notifier: FeedbackNotifier;
  jobs: JobEnqueuer;
  audit: Auditor;
  clock: Clock;
  blocks: BlockChecker;
  tally: ProgramTally;
}

/** What a Give-feedback modal is about: an asked-for request, or feedback given unasked. */
export type FeedbackSubject = { requestId: string } | { relationshipId: string; topic: string };

export interface SweepCounts {
  prompts: number;
  reminders: number;
  expired: number;
}

const DAY_MS = 24 * 3600 * 1000;

/** Feedback requests after a presentation or project, and the feedback itself. */
export class FeedbackService {
  constructor(private readonly deps: FeedbackDeps) {}

  /** `/mentor feedback <topic> [when] [from @person]`: by the mentee, to their mentor by default. */
  async request(
    actorId: string,
    input: { topic: string; when: FeedbackWhen; fromId?: string; otherId?: string },
  ): Promise<FeedbackRequest> {
    const topic = requireText(input.topic, "title", "feedback_request");
    const relationship = await this.menteeRelationship(actorId, input.otherId);
    const giverId = input.fromId ?? relationship.mentorId;
    if (giverId === actorId) throw new DomainError("self_feedback");
    // The mentor by default too: one who left the workspace is refused, in words that say so
    // (the mentee named nobody, so "check the mention" would puzzle them).
    if (input.fromId) await this.requireHuman(giverId);
    else await this.requireMentorPresent(giverId);
    const now = this.deps.clock.now();
    await this.requireMayAsk(actorId, giverId, now);
    const wanted = resolveFeedbackTime(input.when, await this.deps.zones.of(actorId), now);
    // The time the giver is really asked, as the reply and the list show it: in their working
    // hours, "now" included (outside them it waits, like a set time, for the sweep).
    const promptAt = await this.inGiversHours(giverId, wanted);
    const request = await this.deps.requests.create({
      relationshipId: relationship.id,
      requesterId: actorId,
      giverId,
      ...(input.fromId ? { giverNamed: true } : {}),
      topic,
      promptAt,
      createdAt: now,
    });
    await this.deps.audit.record(actorId, "feedback.requested", request.id, {
      giverId,
      topic,
      promptAt,
    });
    // Due now (inside the giver's hours): send at once rather than wait for the next sweep.
    // Should Redis refuse the job, the sweep finds the request due and sends it: the request
    // stands, and the person is not told to try again (that would ask twice).
    if (promptAt.getTime() <= now.getTime())
      await this.deps.jobs
        .enqueue("feedback.prompt", { requestId: request.id })
        .catch(() => undefined);
    return request;
  }

  /** A few open requests at once, a few a week to one giver, none to who blocked you. */
  private async requireMayAsk(actorId: string, giverId: string, now: Date): Promise<void> {
    await requireNotBlocked(this.deps.blocks, giverId, actorId);
    const mine = await this.deps.requests.listByRequester(actorId);
    const open = mine.filter((r) => r.status === "scheduled" || r.status === "asked");
    if (open.length >= ABUSE_LIMITS.openFeedbackRequests) {
      throw new DomainError("limit_reached", {
        what: "open_feedback_requests",
        limit: String(ABUSE_LIMITS.openFeedbackRequests),
      });
    }
    const weekAgo = now.getTime() - ABUSE_LIMITS.feedbackToGiverWindowMs;
    const toGiver = mine.filter((r) => r.giverId === giverId && r.createdAt.getTime() > weekAgo);
    if (toGiver.length >= ABUSE_LIMITS.feedbackToSameGiver) {
      throw new DomainError("limit_reached", {
        what: "feedback_to_giver",
        limit: String(ABUSE_LIMITS.feedbackToSameGiver),
        userId: giverId,
      });
    }
  }

  /**
   * The mentee's requests, numbered 1, 2, 3… oldest first; with `otherId`, only those of their
   * mentorship with that person, still numbered as in the full list (so `cancel <n>` agrees).
   */
  async list(actorId: string, otherId?: string): Promise<NumberedRequest[]> {
    const numbered = (await this.deps.requests.listByRequester(actorId)).map((request, i) => ({
      number: i + 1,
      request,
    }));
    if (!otherId) return numbered;
    const pairs = (await this.deps.access.mine(actorId)).filter(
      (r) => otherPerson(r, actorId) === otherId,
    );
    const ended =
      pairs.length > 0 ? null : await this.deps.access.latestEnded(actorId, { otherId });
    if (ended && isMember(ended, actorId)) pairs.push(ended);
    if (pairs.length === 0)
      throw new DomainError("feedback_list_no_mentorship", { userId: otherId });
    const ids = new Set(pairs.map((r) => r.id));
    return numbered.filter(({ request }) => ids.has(request.relationshipId));
  }

  async cancel(actorId: string, number: number): Promise<FeedbackRequest> {
    const request = (await this.deps.requests.listByRequester(actorId))[number - 1];
    if (!request) throw new DomainError("feedback_request_not_found", { number: String(number) });
    const cancelled = await this.deps.requests.transition(request.id, ["scheduled"], "cancelled");
    if (!cancelled) throw new DomainError("feedback_already_sent");
    await this.deps.audit.record(actorId, "feedback.cancelled", request.id, {});
    return cancelled;
  }

  /** Requests someone still owes an answer to (their App Home). */
  async owedBy(giverId: string): Promise<FeedbackRequest[]> {
    const owed = await this.deps.requests.listOwedBy(giverId);
    const answered = await Promise.all(owed.map((request) => this.answeredAlready(request)));
    return owed.filter((_, i) => !answered[i]);
  }

  /** `/mentor feedback give @mentee <topic>`: the mentor gives feedback unasked. */
  async prepareUnasked(
    actorId: string,
    menteeId: string,
    topicText: string,
  ): Promise<FeedbackSubject> {
    const topic = requireText(topicText, "title", "feedback_give");
    const relationship = await this.deps.access.resolve(actorId, menteeId);
    if (relationship.mentorId !== actorId || relationship.menteeId !== menteeId) {
      throw new DomainError("not_their_mentor");
    }
    return { relationshipId: relationship.id, topic };
  }

  /** The prompt's "Give feedback": only the person asked, while the request is open. */
  async openRequest(actorId: string, requestId: string): Promise<FeedbackRequest> {
    const request = await this.deps.requests.findById(requestId);
    if (!request || request.giverId !== actorId)
      throw new DomainError("feedback_request_not_found");
    if (request.status === "answered" || (await this.answeredAlready(request))) {
      throw new DomainError("feedback_already_given");
    }
    if (await this.deps.access.isEnded(request.relationshipId)) {
      throw new DomainError("mentorship_ended");
    }
    // "scheduled" too: the prompt may be on screen a moment before its status is saved.
    if (request.status !== "asked" && request.status !== "scheduled")
      throw new DomainError("feedback_request_closed");
    return request;
  }

  /** The modal's submission: validated field by field, stored once, delivered once. */
  async submit(
    actorId: string,
    subject: FeedbackSubject,
    fields: FeedbackFields,
    dedupeKey: string,
  ): Promise<FeedbackEntry> {
    const clean = validateFields(fields);
    const now = this.deps.clock.now();
    let entryInput: Omit<FeedbackEntry, "id">;
    if ("requestId" in subject) {
      const request = await this.openRequest(actorId, subject.requestId).catch(async (error) => {
        // Given already (a retry, another tab): what was given is delivered, if it was not yet
        // (the delivery job runs once an entry), and the form says it was sent.
        if (error instanceof DomainError && error.code === "feedback_already_given") {
          const given = await this.deps.entries.findForRequest(subject.requestId);
          if (given) await this.deps.jobs.enqueue("feedback.deliver", { entryId: given.id });
        }
        throw error;
      });
      entryInput = {
        ...clean,
        requestId: request.id,
        relationshipId: request.relationshipId,
        giverId: actorId,
        recipientId: request.requesterId,
        topic: request.topic,
        createdAt: now,
      };
      dedupeKey = feedbackRequestKey(request.id);
    } else {
      const relationship = await this.deps.access.byId(actorId, subject.relationshipId);
      if (relationship.mentorId !== actorId) throw new DomainError("not_their_mentor");
      const topic = requireText(subject.topic, "title", "feedback_give_form");
      entryInput = {
        ...clean,
        requestId: null,
        relationshipId: relationship.id,
        giverId: actorId,
        recipientId: relationship.menteeId,
        topic,
        createdAt: now,
      };
    }
    const { entry, created } = await this.deps.entries.createOnce(dedupeKey, entryInput);
    await this.deps.tally.record({
      kind: "feedback_given",
      sourceId: entry.id,
      relationshipId: entry.relationshipId,
      at: entry.createdAt,
    });
    if (created) {
      if (entry.requestId)
        await this.deps.requests.transition(entry.requestId, ["asked"], "answered");
      await this.deps.audit.record(actorId, "feedback.given", entry.id, {
        requestId: entry.requestId,
        recipientId: entry.recipientId,
      });
    }
    await this.deps.jobs.enqueue("feedback.deliver", { entryId: entry.id });
    return entry;
  }

  /** "Not now": ask again a day later, in the giver's working hours. */
  async notNow(actorId: string, requestId: string): Promise<Date> {
    const request = await this.openRequest(actorId, requestId);
    const remindAt = await this.workingDayLater(request.giverId, this.deps.clock.now());
    if (!(await this.deps.requests.setReminder(request.id, remindAt, null))) {
      throw new DomainError("feedback_request_closed");
    }
    return remindAt;
  }

  /** Finds due prompts, reminders and expiries in MongoDB and enqueues their work. */
  async sweep(): Promise<SweepCounts> {
    const now = this.deps.clock.now();
    const counts: SweepCounts = { prompts: 0, reminders: 0, expired: 0 };
    const duePrompts = await this.deps.requests.listDue("scheduled", "promptAt", now);
    const givers = await this.deps.calendars.ofMany(duePrompts.map((r) => r.giverId));
    for (const request of duePrompts) {
      // A prompt for a chosen time reaches the giver inside their own working hours.
      const calendar = givers.get(request.giverId);
      const later = calendar && !isWorkingTime(calendar, now) ? nextTimeIn(calendar, now) : null;
      if (later) {
        await this.deps.requests.transition(request.id, ["scheduled"], "scheduled", {
          promptAt: later,
        });
        continue;
      }
      await this.deps.jobs.enqueue("feedback.prompt", { requestId: request.id });
      counts.prompts++;
    }
    for (const request of await this.deps.requests.listDue("asked", "remindAt", now)) {
      await this.deps.jobs.enqueue("feedback.remind", {
        requestId: request.id,
        remindAt: request.remindAt?.toISOString() ?? "",
      });
      counts.reminders++;
    }
    for (const request of await this.deps.requests.listDue("asked", "expiresAt", now)) {
      if (await this.answeredAlready(request)) continue;
      // The job tells the mentee, then marks the request expired: until then it stays asked and
      // due, so a job that Redis lost is enqueued again by the next sweep (the same job id).
      await this.deps.jobs.enqueue("feedback.expired", { requestId: request.id });
      counts.expired++;
    }
    return counts;
  }

  /** Job: ask the giver, once. */
  async prompt(requestId: string): Promise<void> {
    const request = await this.deps.requests.findById(requestId);
    if (request?.status !== "scheduled") return;
    // Queued before the pair ended: nothing more is sent for it.
    if (await this.deps.access.isEnded(request.relationshipId)) return;
    const message = await this.deps.notifier.sendPrompt(request);
    const now = this.deps.clock.now();
    await this.deps.tally.record({
      kind: "feedback_asked",
      sourceId: request.id,
      relationshipId: request.relationshipId,
      at: now,
    });
    await this.deps.requests.transition(request.id, ["scheduled"], "asked", {
      askedAt: now,
      message,
      remindAt: await this.workingDayLater(request.giverId, now),
      expiresAt: new Date(now.getTime() + FEEDBACK_EXPIRES_AFTER_MS),
    });
  }

  /** Job: the reminder that is due now (skipped if answered, or superseded by "Not now"). */
  async remind(requestId: string, remindAt: string): Promise<void> {
    const request = await this.deps.requests.findById(requestId);
    if (
      request?.status !== "asked" ||
      request.remindedAt ||
      request.remindAt?.toISOString() !== remindAt
    )
      return;
    if (await this.deps.access.isEnded(request.relationshipId)) return;
    if (await this.answeredAlready(request)) return;
    await this.deps.notifier.sendReminder(request);
    // Marked as reminded: no further automatic reminder; expiry follows.
    await this.deps.requests.setReminder(request.id, request.remindAt, this.deps.clock.now());
  }

  /** Job: the mentee hears the request expired (once: the delivery ledger), then it is so marked. */
  async announceExpiry(requestId: string): Promise<void> {
    const request = await this.deps.requests.findById(requestId);
    // "expired": marked by a version that marked before enqueueing.
    if (request?.status !== "asked" && request?.status !== "expired") return;
    const due = request.expiresAt && request.expiresAt <= this.deps.clock.now();
    if ((request.status === "asked" && !due) || (await this.answeredAlready(request))) return;
    await this.deps.notifier.tellExpired(request);
    if (request.status === "asked") {
      await this.deps.requests.transition(request.id, ["asked"], "expired");
    }
  }

  /** The mentee can't be told it expired (Slack refuses for good): it expires all the same. */
  async expireUntold(requestId: string): Promise<void> {
    await this.deps.requests.transition(requestId, ["asked"], "expired");
  }

  /** Job: a request cancelled because the person asked was forgotten; the mentee hears once. */
  async announceWithdrawal(requestId: string): Promise<void> {
    const request = await this.deps.requests.findById(requestId);
    if (request?.status !== "cancelled") return;
    await this.deps.notifier.tellWithdrawn(request);
  }

  async deliver(entryId: string): Promise<void> {
    const entry = await this.deps.entries.findById(entryId);
    if (!entry) return;
    const request = entry.requestId ? await this.deps.requests.findById(entry.requestId) : null;
    await this.deps.notifier.deliver(entry, request);
  }

  private async menteeRelationship(actorId: string, otherId?: string): Promise<Relationship> {
    const asMentee = (await this.deps.access.mine(actorId)).filter((r) => r.menteeId === actorId);
    const relationships = asMentee.filter((r) => !otherId || r.mentorId === otherId);
    const [only, ...more] = relationships;
    // A mentee naming someone else has a mentor: what is wrong is whom they named.
    if (!only && otherId && asMentee.length > 0)
      throw new DomainError("feedback_not_your_mentor", { userId: otherId });
    if (!only) throw new DomainError("feedback_needs_mentor");
    if (more.length > 0)
      throw new DomainError("ambiguous_relationship", {
        choices: relationships.map((r) => r.mentorId).join(","),
      });
    return only;
  }

  private async requireMentorPresent(userId: string): Promise<void> {
    const person = await this.deps.directory.lookup(userId);
    if (!person || person.deleted) throw new DomainError("partner_left", { userId });
  }

  private async requireHuman(userId: string): Promise<void> {
    const person = await this.deps.directory.lookup(userId);
    if (!person || person.deleted) throw new DomainError("unknown_user", { userId });
    if (person.isBot) throw new DomainError("bot_user", { userId });
  }

  /**
   * Whether feedback was given to the request, whatever its status says; if so, the status is
   * set right. The entry, a unique insert, is what decides: on FerretDB a write of the request at
   * the same moment as its "answered" (the reminder recorded sent, the expiry, "Not now") can
   * put back "asked" (26 of 40 races against the reminder's write) or both can win.
   */
  private async answeredAlready(request: FeedbackRequest): Promise<boolean> {
    if (!(await this.deps.entries.findForRequest(request.id))) return false;
    if (request.status !== "answered") {
      await this.deps.requests.transition(
        request.id,
        ["scheduled", "asked", "expired"],
        "answered",
      );
    }
    return true;
  }

  /** `at`, or the start of the giver's next working time if `at` falls outside it. */
  private async inGiversHours(giverId: string, at: Date): Promise<Date> {
    return nextTimeIn(await this.deps.calendars.of(giverId), at) ?? at;
  }

  /** A day after `from`, moved into the person's working hours. */
  private async workingDayLater(userId: string, from: Date): Promise<Date> {
    const dayLater = new Date(from.getTime() + DAY_MS);
    return nextTimeIn(await this.deps.calendars.of(userId), dayLater) ?? dayLater;
  }
}
