import type { Database } from "../../src/db/database.js";
import type { AnswerKind } from "../../src/domain/checkin.js";

/** Writes a program's history straight through the repositories, at chosen times. */
export class ProgramSeed {
  private slot = 0;

  constructor(
    private readonly db: Database,
    private readonly now: Date,
  ) {}

  /** `days` before the seed's "now". */
  ago(days: number): Date {
    return new Date(this.now.getTime() - days * 24 * 3600 * 1000);
  }

  async pair(
    mentorId: string,
    menteeId: string,
    opts: { status?: "pending" | "active" | "ended"; daysAgo?: number } = {},
  ): Promise<string> {
    const status = opts.status ?? "active";
    const at = this.ago(opts.daysAgo ?? 60);
    const created = await this.db.relationships.create({
      mentorId,
      menteeId,
      status: status === "pending" ? "pending" : "active",
      createdBy: mentorId,
      requestedBy: status === "pending" ? mentorId : null,
      awaitingUserId: status === "pending" ? menteeId : null,
      now: at,
    });
    if (status === "ended") await this.db.relationships.end(created.id, "active", "done", at);
    return created.id;
  }

  /** A check-in sent `daysAgo`, then answered (`kind`), missed, or left waiting. */
  async checkin(
    relationshipId: string,
    daysAgo: number,
    outcome: AnswerKind | "missed" | "sent",
  ): Promise<string> {
    const relationship = await this.db.relationships.findById(relationshipId);
    if (!relationship) throw new Error(`no relationship ${relationshipId}`);
    const sentAt = this.ago(daysAgo);
    this.slot += 1;
    const { checkin } = await this.db.checkins.createForSlot({
      relationshipId,
      mentorId: relationship.mentorId,
      menteeId: relationship.menteeId,
      slot: `${sentAt.toISOString()}#${this.slot}`,
      scheduledFor: sentAt,
      now: sentAt,
    });
    await this.db.checkins.transition(checkin.id, ["scheduled"], "sent", { sentAt });
    if (outcome === "missed") await this.db.checkins.transition(checkin.id, ["sent"], "missed");
    else if (outcome !== "sent") {
      await this.db.checkins.answer(checkin.id, {
        kind: outcome,
        note: "",
        milestoneTitles: [],
        by: relationship.menteeId,
        at: new Date(sentAt.getTime() + 3600_000),
      });
    }
    return checkin.id;
  }

  /** A milestone added `addedDaysAgo`; `doneDaysAgo` marks it reached. */
  async milestone(
    relationshipId: string,
    title: string,
    opts: { dueDate?: string; addedDaysAgo?: number; doneDaysAgo?: number } = {},
  ): Promise<string> {
    const added = await this.db.milestones.add(relationshipId, {
      title,
      description: "",
      dueDate: opts.dueDate ?? null,
      createdBy: "USEED",
      now: this.ago(opts.addedDaysAgo ?? 50),
    });
    if (opts.doneDaysAgo !== undefined) {
      const doneAt = this.ago(opts.doneDaysAgo);
      await this.db.milestones.changeStatus(added.id, "done", { doneAt }, doneAt);
    }
    return added.id;
  }

  async feedback(
    relationshipId: string,
    opts: { askedDaysAgo: number; givenDaysAgo?: number },
  ): Promise<void> {
    const relationship = await this.db.relationships.findById(relationshipId);
    if (!relationship) throw new Error(`no relationship ${relationshipId}`);
    const askedAt = this.ago(opts.askedDaysAgo);
    const request = await this.db.feedbackRequests.create({
      relationshipId,
      requesterId: relationship.menteeId,
      giverId: relationship.mentorId,
      topic: "Quarterly demo",
      promptAt: askedAt,
      createdAt: askedAt,
    });
    await this.db.feedbackRequests.transition(request.id, ["scheduled"], "asked", { askedAt });
    if (opts.givenDaysAgo === undefined) return;
    await this.db.feedbackEntries.createOnce(`request:${request.id}`, {
      requestId: request.id,
      relationshipId,
      giverId: relationship.mentorId,
      recipientId: relationship.menteeId,
      topic: "Quarterly demo",
      wentWell: "Clear story",
      toImprove: "Slower pace",
      rating: 4,
      nextStep: "Rehearse once",
      createdAt: this.ago(opts.givenDaysAgo),
    });
  }

  async introduction(relationshipId: string, personId: string, daysAgo: number): Promise<void> {
    const relationship = await this.db.relationships.findById(relationshipId);
    if (!relationship) throw new Error(`no relationship ${relationshipId}`);
    const made = await this.db.introductions.create({
      relationshipId,
      kind: "introduction",
      mentorId: relationship.mentorId,
      menteeId: relationship.menteeId,
      personId,
      text: "She ran our AWS migration",
      createdBy: relationship.mentorId,
      createdAt: this.ago(daysAgo),
    });
    // Made means sent: the report counts only those (one whose partner left went nowhere).
    await this.db.introductions.markSent(made.id, this.ago(daysAgo));
  }

  /** A person whose Slack account was deactivated. */
  async departed(slackUserId: string): Promise<void> {
    await this.db.people.upsert({
      slackUserId,
      displayName: slackUserId.toLowerCase(),
      realName: "",
      timezone: null,
      isBot: false,
      deleted: true,
      refreshedAt: this.now,
    });
  }

  /** The history was written straight to the collections: count it, as an upgrade does. */
  async tallies(): Promise<void> {
    await this.db.rebuildTallies(this.now);
  }
}
