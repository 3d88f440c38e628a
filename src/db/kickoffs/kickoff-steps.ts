import type { Collection, Connection } from "mongoose";
import type { Kickoff, KickoffAnswers, KickoffRef } from "../../domain/kickoff.js";
import { isDuplicateKeyError } from "../mongo-errors.js";

/**
 * What the people did in a kickoff: the mentee's answers, the mentor's suggestion, the
 * confirmation, and the time and mentor they last gave it (`schedule`: a move, a reassignment).
 */
export type KickoffStep = "answers" | "suggested" | "confirmed" | "schedule";

/** The kickoff's fields a move or a reassignment wrote (what is not named was not written). */
export type ScheduleFields = Partial<
  Pick<
    Kickoff,
    | "at"
    | "mentorStartsAt"
    | "menteeStartsAt"
    | "mentorRemindAt"
    | "menteeRemindAt"
    | "confirmAt"
    | "mentorInviteAt"
    | "menteeInviteAt"
    | "scheduledBy"
    | "moves"
    | "mentorId"
  >
>;

/** `kickoff_steps`: one document a step, `_id` = "<kickoff>:<step>". */
interface StepDoc {
  _id: string;
  kickoffId: string;
  /** The person's data export finds their pairs' steps by it. */
  relationshipId: string;
  step: KickoffStep;
  at: Date;
  answers?: KickoffAnswers;
  template?: string;
  schedule?: ScheduleFields;
}

/** A kickoff's steps as its fields (null where a step is not taken), and its last schedule. */
export type KickoffStepFields = Pick<
  Kickoff,
  "answers" | "suggestedAt" | "suggestedTemplate" | "confirmedAt"
> & { schedule: ScheduleFields | null };

/**
 * The people's steps in a kickoff, each its own document, apart from the kickoff. The kickoff
 * document is written by the jobs (each invitation, reminder and confirmation sent clears its
 * field) and on FerretDB an update writes back the whole document it read: a job's write at the
 * moment of the mentee's answers put the kickoff back without them, and the mentor never heard
 * of them (a confirmation or a suggestion was lost the same way). Here no job writes: the
 * answers are replaced only by the mentee's next answers, and the suggestion and the
 * confirmation are inserts, which the unique `_id` makes once-only even on two replicas at once
 * (a suggestion whose milestones were refused is deleted, so it can be sent again).
 * A move or a reassignment has to write the kickoff itself (its reminders are the jobs' work):
 * it records what it writes here first, and the kickoff's settling writes it again if a job's
 * write of that moment put the kickoff back (KickoffRepository).
 */
export class KickoffSteps {
  constructor(private readonly connection: Connection) {}

  /** The mentee's answers, in place of any earlier ones. */
  saveAnswers(kickoff: KickoffRef, answers: KickoffAnswers): Promise<void> {
    return this.replace(this.docOf(kickoff, "answers", answers.at, { answers }));
  }

  /**
   * Records the fields a move or a reassignment is about to write, in place of the last one's.
   * Not merged with them: a later settling writing the step again would otherwise bring back an
   * older move's invitations, whose records of being sent are purged after a month. The cost: a
   * move still undone (for the milliseconds until the next write's settling) when another lands
   * is not written again.
   */
  recordSchedule(kickoff: KickoffRef, fields: ScheduleFields, at: Date): Promise<void> {
    return this.replace(this.docOf(kickoff, "schedule", at, { schedule: fields }));
  }

  /** Records `step` taken; false if it was already (the first stands). */
  async takeOnce(
    kickoff: KickoffRef,
    step: Exclude<KickoffStep, "answers">,
    at: Date,
    details: { template?: string } = {},
  ): Promise<boolean> {
    try {
      await this.steps().insertOne(this.docOf(kickoff, step, at, details));
      return true;
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
      return false;
    }
  }

  /** Takes a step back: the work it stood for failed before it was done. */
  async undo(kickoffId: string, step: KickoffStep): Promise<void> {
    await this.steps().deleteOne({ _id: `${kickoffId}:${step}` });
  }

  /**
   * The steps of these kickoffs by kickoff id: a read by the indexed `kickoffId` each, at once.
   * Equality, which FerretDB serves from the index; an `$in`, even on `_id`, scans the whole
   * collection there, and this one grows by a few documents a pair.
   */
  async of(kickoffIds: readonly string[]): Promise<Map<string, KickoffStepFields>> {
    const found = new Map<string, KickoffStepFields>();
    const pages = await Promise.all(
      kickoffIds.map((kickoffId) => this.steps().find({ kickoffId }).toArray()),
    );
    for (const doc of pages.flat()) {
      const fields = found.get(doc.kickoffId) ?? noSteps();
      if (doc.step === "answers" && doc.answers) fields.answers = answersOf(doc.answers);
      if (doc.step === "suggested") {
        fields.suggestedAt = doc.at;
        fields.suggestedTemplate = doc.template ?? null;
      }
      if (doc.step === "confirmed") fields.confirmedAt = doc.at;
      if (doc.step === "schedule") fields.schedule = doc.schedule ?? null;
      found.set(doc.kickoffId, fields);
    }
    return found;
  }

  /**
   * Deletes these kickoffs' `steps` when a person in them is forgotten (the answers their mentee
   * wrote). The other steps stay, naming no one.
   */
  async forget(kickoffIds: readonly string[], steps: readonly KickoffStep[]): Promise<number> {
    const ids = kickoffIds.flatMap((id) => steps.map((step) => `${id}:${step}`));
    if (ids.length === 0) return 0;
    return (await this.steps().deleteMany({ _id: { $in: ids } })).deletedCount;
  }

  /** Deletes the schedules naming a forgotten person (rare: it scans on FerretDB). */
  async forgetSchedulesNaming(userId: string): Promise<number> {
    const named = await this.steps().deleteMany({
      step: "schedule",
      $or: [{ "schedule.mentorId": userId }, { "schedule.scheduledBy": userId }],
    });
    return named.deletedCount;
  }

  async ensureIndexes(): Promise<void> {
    await Promise.all([
      this.steps().createIndex({ kickoffId: 1 }),
      // The person's data export: their pairs' steps.
      this.steps().createIndex({ relationshipId: 1 }),
    ]);
  }

  /** Writes a step in place of the one there: answers sent again, a later move. */
  private async replace({ _id, ...doc }: StepDoc): Promise<void> {
    try {
      await this.steps().replaceOne({ _id }, doc, { upsert: true });
    } catch (error) {
      // Two at once, both inserting: the other's insert won, so write over it (the later wins).
      if (!isDuplicateKeyError(error)) throw error;
      await this.steps().replaceOne({ _id }, doc);
    }
  }

  private docOf(
    kickoff: KickoffRef,
    step: KickoffStep,
    at: Date,
    details: Partial<Pick<StepDoc, "answers" | "template" | "schedule">>,
  ): StepDoc {
    return {
      _id: `${kickoff.id}:${step}`,
      kickoffId: kickoff.id,
      relationshipId: kickoff.relationshipId,
      step,
      at,
      ...details,
    };
  }

  private steps(): Collection<StepDoc> {
    return this.connection.collection<StepDoc>("kickoff_steps");
  }
}

export function noSteps(): KickoffStepFields {
  return {
    answers: null,
    suggestedAt: null,
    suggestedTemplate: null,
    confirmedAt: null,
    schedule: null,
  };
}

/** The answers as the domain has them (an offer written before offers existed is empty). */
export function answersOf(stored: KickoffAnswers): KickoffAnswers {
  return {
    aspiration: stored.aspiration,
    targetDate: stored.targetDate,
    skills: stored.skills,
    challenges: stored.challenges,
    support: stored.support,
    offer: stored.offer ?? "",
    at: stored.at,
  };
}
