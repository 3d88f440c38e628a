import type { Celebration, ShoutOutOutcome } from "./celebration.js";

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
  /** The shout-out could not be posted: the program admins learn why. */
  tellAdmins(
    celebration: Celebration,
    failure: { channelId: string; reason: string },
    adminIds: readonly string[],
  ): Promise<void>;
  /** The mentor's note reaches the mentee; `submissionId` makes one DM per submission. */
  sendCongratulation(input: {
    submissionId: string;
    mentorId: string;
    menteeId: string;
    milestoneTitle: string;
    note: string;
    nextStep: string;
  }): Promise<void>;
}
