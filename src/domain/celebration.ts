import type { Milestone, Roadmap } from "./roadmap.js";
import { progressOf } from "./roadmap.js";

/** Whether milestones are shared in a channel: the mentee's choice, public unless they say not. */
export type CelebrationMode = "public" | "private";

/** Per-relationship choices, kept on the relationship document. */
export interface RelationshipSettings {
  /** "private": no channel post, only the DM to the mentor. Unset means public. */
  celebrate?: CelebrationMode;
  /** Where shout-outs go; unset means the program's CELEBRATION_CHANNEL_ID. */
  celebrationChannelId?: string;
  /** The mentee opted in to naming their aspiration in shout-outs. Unset means it stays out. */
  shareAspiration?: boolean;
}

/** Everything a celebration says, decided by the domain; Slack only renders it. */
export interface Celebration {
  milestone: Milestone;
  /** The number people see for the milestone (1-based, roadmap order). */
  number: number;
  mentorId: string;
  menteeId: string;
  aspiration: string | null;
  done: number;
  total: number;
  /** The last open milestone was reached: the roadmap is complete. */
  roadmapComplete: boolean;
}

/** Where the shout-out went, or why it did not: the mentor's DM says so. */
export type ShoutOutOutcome =
  | { kind: "posted"; channelId: string }
  | { kind: "private" }
  | { kind: "no_channel" }
  /** The mentor (or an admin) marked it: the mentee is asked first whether to share it. */
  | { kind: "asked_mentee"; channelId: string }
  /** The pair had its shout-outs for the (UTC) day: this one is posted at `at`, the next one. */
  | { kind: "queued"; channelId: string; at: Date }
  /** Slack refused the post for good; `adminsTold`: the program has admins, and they heard. */
  | { kind: "failed"; channelId: string; reason: string; adminsTold: boolean };

/** An outcome on which the mentee who said Share (or whose shout-out waited) hears: it isn't out. */
export type UnsharedOutcome = Exclude<ShoutOutOutcome, { kind: "posted" | "asked_mentee" }>;

export function celebrationOf(roadmap: Roadmap, milestone: Milestone): Celebration | null {
  const index = roadmap.milestones.findIndex((m) => m.id === milestone.id);
  if (index < 0) return null;
  const { done, total } = progressOf(roadmap);
  return {
    milestone,
    number: index + 1,
    mentorId: roadmap.mentorId,
    menteeId: roadmap.menteeId,
    aspiration: roadmap.goal?.aspiration ?? null,
    done,
    total,
    roadmapComplete: done === total,
  };
}

/** What a channel post came to: posted, or refused by Slack for good (with Slack's reason). */
export type ChannelPostResult = { ok: true } | { ok: false; reason: string };

/**
 * The Slack side of celebrations, as the domain needs it. Every call is
 * once-only per milestone (a delivery ledger key), so retried jobs, duplicated
 * jobs and racing workers never say anything twice. Transient Slack failures
 * throw, so the job retries.
 */
export interface CelebrationNotifier {
  /** The channel shout-out, posted at most once per milestone. */
  postShoutOut(channelId: string, celebration: Celebration): Promise<ChannelPostResult>;
  /** To the mentee, once per milestone: "Share it in #channel?" with Share / Keep private. */
  askMentee(celebration: Celebration, channelId: string): Promise<void>;
  /** "Your mentee reached a milestone", with the Congratulate button and where the shout-out went. */
  tellMentor(celebration: Celebration, outcome: ShoutOutOutcome): Promise<void>;
  /** The roadmap is complete: ask the mentee for their next aspiration. */
  askForNextAspiration(celebration: Celebration): Promise<void>;
  /** To the mentee, once per outcome: their shout-out was not posted (yet), and why. */
  tellMentee(celebration: Celebration, outcome: UnsharedOutcome): Promise<void>;
  /** The shout-out could not be posted: the program admins learn why, and who was told. */
  tellAdmins(
    celebration: Celebration,
    failure: { channelId: string; reason: string; toldId: string },
    adminIds: readonly string[],
  ): Promise<void>;
  /** The mentor's note reaches the mentee; `submissionId` makes one DM per submission. */
  sendCongratulation(input: Congratulation): Promise<void>;
}

/** The mentor's note on a reached milestone, from the Congratulate form. */
export interface Congratulation {
  /** The form submission: one DM per submission. */
  submissionId: string;
  mentorId: string;
  menteeId: string;
  milestoneTitle: string;
  note: string;
  nextStep: string;
}

/** A pair's shout-outs per day, claimed one slot at a time (a unique key per slot). */
export interface ShoutOutSlots {
  /** True if the milestone has (or now took) one of the day's `limit` slots. */
  claim(
    relationshipId: string,
    day: string,
    milestoneId: string,
    limit: number,
    now: Date,
  ): Promise<boolean>;
}

/**
 * Which marking of a milestone is celebrated: the first one. A marking is told apart by when it
 * was marked and whether the mentee marked it, so a retried or duplicated job of that marking
 * goes on, and a later marking (after a reopen) celebrates nothing more.
 */
export interface CelebrationClaims {
  /** True if `marking` is (or now became) the milestone's celebrated one. */
  claim(milestoneId: string, marking: string, now: Date): Promise<boolean>;
}
