import { describe, expect, it } from "vitest";
import type { CelebrationSettings } from "../../../src/domain/celebration-settings.service.js";
import type { Schedule } from "../../../src/domain/checkin-schedule.service.js";
import type { FeedbackRequest } from "../../../src/domain/feedback.js";
import type { Relationship } from "../../../src/domain/relationship.js";
import type { Milestone, Roadmap } from "../../../src/domain/roadmap.js";
import { usage } from "../../../src/slack/commands/usage-problem.js";
import { channelRemovedMessage } from "../../../src/slack/messages/celebration-channels.messages.js";
import {
  celebrationChannelSetReply,
  celebrationModeReply,
  celebrationSettingsReply,
  shareAspirationReply,
} from "../../../src/slack/messages/celebration-settings.messages.js";
import { checkinAnswerReply } from "../../../src/slack/messages/checkin.messages.js";
import {
  checkinSkippedReply,
  scheduleReply,
} from "../../../src/slack/messages/checkin-schedule.messages.js";
import {
  feedbackCancelledReply,
  feedbackRequestedReply,
} from "../../../src/slack/messages/feedback.messages.js";
import { helpReply, unknownCommandReply } from "../../../src/slack/messages/help.message.js";
import {
  introducingReply,
  introRequestedReply,
} from "../../../src/slack/messages/introduction.messages.js";
import {
  milestoneAddedReply,
  milestoneAlreadyDoneReply,
  milestoneReachedReply,
  milestoneRemovedReply,
  progressLoggedReply,
} from "../../../src/slack/messages/milestone-replies.messages.js";
import { pairedReply, pairRequestSentReply } from "../../../src/slack/messages/pairing.messages.js";
import { usageReply } from "../../../src/slack/messages/usage-messages.js";

const at = new Date("2026-11-30T15:00:00Z");
const relationship = {
  id: "r1",
  mentorId: "U0MARIA",
  menteeId: "U0SAM",
  checkinsPaused: false,
  settings: {},
} as unknown as Relationship;
const milestone = (over: Partial<Milestone> = {}): Milestone =>
  ({
    id: "m1",
    title: "Pass the <AWS> exam",
    dueDate: "2027-03-31",
    status: "planned",
    ...over,
  }) as Milestone;
const roadmap = (milestones: Milestone[]): Roadmap => ({
  relationshipId: "r1",
  mentorId: "U0MARIA",
  menteeId: "U0SAM",
  goal: null,
  milestones,
});

describe("replies to /mentor pair and intro", () => {
  it("says who mentors whom, or whom it asked", () => {
    expect(pairedReply("U0MARIA", "U0SAM").text).toBe(
      "Done: <@U0MARIA> is now mentoring <@U0SAM>. I've sent them both a message to introduce them.",
    );
    expect(pairRequestSentReply("U0SAM").text).toBe(
      "I've asked <@U0SAM> to accept. I'll let you know as soon as they answer.",
    );
  });

  it("names the people an introduction is for", () => {
    expect(introRequestedReply("U0MARIA").text).toContain("I've asked <@U0MARIA> whom they could");
    expect(introducingReply("U0SAM", "U0OLLY").text).toBe(
      "I'm introducing <@U0SAM> to <@U0OLLY> in a group DM of the three of you, with your reason.",
    );
  });
});

describe("replies about milestones", () => {
  it("echoes a title escaped, with its due date and the progress", () => {
    const said = milestoneAddedReply(1, milestone(), roadmap([milestone()])).text;
    expect(said).toContain("Added milestone 1: *Pass the &lt;AWS&gt; exam*, due ");
    expect(said).toContain("2027");
    expect(said).not.toContain("<AWS>");
  });

  it("says the status after logging progress", () => {
    expect(progressLoggedReply(2, milestone({ status: "in_progress" })).text).toBe(
      "Progress logged on milestone 2: *Pass the &lt;AWS&gt; exam* (now in progress).",
    );
  });

  it("celebrates a milestone reached once, and says so the second time", () => {
    const done = milestone({ status: "done" });
    const first = milestoneReachedReply(1, done, roadmap([done]), "2026-11-30");
    expect(first.text).toMatch(/^:tada: Milestone 1 reached: \*Pass the &lt;AWS&gt; exam\*, on /);
    expect(milestoneAlreadyDoneReply(1, done).text).toBe(
      "Milestone 1, *Pass the &lt;AWS&gt; exam*, was already marked as reached.",
    );
  });

  it("says a removed milestone is gone and the rest renumbered", () => {
    expect(milestoneRemovedReply({ title: "Demo *day*" }).text).toContain("Removed the milestone");
    expect(milestoneRemovedReply({ title: "Demo *day*" }).text).toContain("renumbered");
  });
});

describe("replies about check-ins", () => {
  const schedule: Schedule = {
    relationship,
    cadence: { frequency: "weekly", weekday: 2, time: "09:30", anchorDate: null },
    zone: "Europe/Paris",
    nextCheckinAt: at,
    arrivesAt: null,
  };

  it("shows the rhythm in the mentee's time and the next one in the reader's zone", () => {
    const said = scheduleReply(schedule, { userId: "U0SAM", zone: "America/New_York" }).text;
    expect(said).toContain(
      "Check-ins with <@U0MARIA>: every Tuesday at 09:30, your time (Europe/Paris).",
    );
    expect(said).toContain("(Mon 30 Nov 2026, 10:00, America/New_York).");
  });

  it("names both people for an admin, and says when they're paused", () => {
    const paused = { ...schedule, relationship: { ...relationship, checkinsPaused: true } };
    const said = scheduleReply(paused, { userId: "U0ADMIN", zone: "UTC" }).text;
    expect(said).toContain("<@U0MARIA> and <@U0SAM>");
    expect(said).toContain("<@U0SAM>'s time");
    expect(said).toMatch(/They are paused\.$/);
  });

  it("says when there is nothing to skip", () => {
    expect(checkinSkippedReply(null, schedule, { userId: "U0SAM", zone: "UTC" }).text).toBe(
      "There's no check-in scheduled to skip.",
    );
  });

  it("thanks the mentee for the answer, and says the mentor will reach out if help is needed", () => {
    expect(checkinAnswerReply("need_help").text).toContain("asked your mentor to reach out");
    expect(checkinAnswerReply("on_track").text).toBe("Great, thanks! I've let your mentor know.");
  });
});

describe("replies about celebrations", () => {
  const settings = (over: Partial<CelebrationSettings>): CelebrationSettings => ({
    relationship,
    mode: "public",
    channelId: "C0WINS",
    channelIsDefault: true,
    ...over,
  });

  it("says where and how milestones are celebrated", () => {
    const said = celebrationSettingsReply(settings({})).text;
    expect(said).toContain("*public*: a shout-out in <#C0WINS> (the program's channel)");
    expect(celebrationSettingsReply(settings({ mode: "private" })).text).toContain("*private*");
  });

  it("says plainly that a public pair with no channel, and no program channel, gets no post", () => {
    const said = celebrationSettingsReply(settings({ channelId: null })).text;
    expect(said).toContain("*public*, but no channel is picked yet (and the program has none)");
    expect(said).not.toContain("shout-out in no channel");
  });

  it("says where a closed channel's pairs go: the program's channel, or none without one", () => {
    expect(channelRemovedMessage("C0TEAM", true, "C0WINS").text).toContain(
      "Pairs that picked it now celebrate in <#C0WINS>, the program's channel.",
    );
    const without = channelRemovedMessage("C0TEAM", true, undefined).text;
    expect(without).not.toContain("program's channel");
    expect(without).toContain("get no channel post until they pick another");
  });

  it("warns that a private mentee's channel posts nothing yet", () => {
    const said = celebrationChannelSetReply(settings({ mode: "private" }), "C0TEAM").text;
    expect(said).toContain("posted in <#C0TEAM>");
    expect(said).toContain("nothing is posted until <@U0SAM> types `/mentor celebrate public`");
  });

  it("answers the mode and aspiration choices", () => {
    expect(celebrationModeReply(settings({ channelId: null })).text).toContain(
      "once a channel is set",
    );
    expect(celebrationModeReply(settings({ mode: "private" })).text).toContain("won't be posted");
    expect(shareAspirationReply(true).text).toContain("will name your aspiration");
    expect(shareAspirationReply(false).text).toContain("Your aspiration and notes stay out");
  });
});

describe("replies about feedback and help", () => {
  const request = {
    giverId: "U0MARIA",
    topic: "My *demo*",
    promptAt: at,
    createdAt: at,
  } as FeedbackRequest;
  const later = { ...request, promptAt: new Date(at.getTime() + 3600_000) };

  it("says whom it asked, now or later", () => {
    expect(feedbackRequestedReply(request, true).text).toBe(
      "I've asked <@U0MARIA> for feedback on *My *demo**. Their answer will come to you here.",
    );
    expect(feedbackRequestedReply(later, false).text).toMatch(/^I'll ask <@U0MARIA> .*<!date\^/);
    // Asked for now, held for the giver's working hours: the reply says so, and when.
    expect(feedbackRequestedReply(later, true).text).toMatch(
      /^<@U0MARIA> isn't working now \(their hours or time off\), so I'll ask them .*<!date\^/,
    );
    expect(feedbackCancelledReply(request).text).toContain("<@U0MARIA> won't be asked.");
  });

  it("shows that /mentor kickoff takes the other person, as the command does", () => {
    expect(helpReply(false).text).toContain("/mentor kickoff [at YYYY-MM-DD HH:MM] [@person]");
  });

  it("tells admins under the help how to name someone else's pair", () => {
    expect(helpReply(true).text).toMatch(
      /A program admin acting on someone else's pair puts `@person` first: `\/mentor done @sam 2 Great session`\.$/,
    );
  });

  it("names an unknown command and shows usage with an example", () => {
    expect(unknownCommandReply("frobnicate", false).text).toMatch(
      /^I don't know the command `frobnicate`\.\n/,
    );
    // What was typed is echoed escaped and short: no ping, no broken code span.
    const hostile = unknownCommandReply(`<!channel>\`${"x".repeat(60)}`, false);
    expect(hostile.text).toMatch(/^I don't know the command `&lt;!channel&gt;'x{29}`\.\n/);
    expect(JSON.stringify(hostile.blocks)).not.toContain("<!channel>");
    expect(usageReply(usage("pair_needs_two")).text).toBe(
      "Name exactly two people: the mentor first, then the mentee. For example: `/mentor pair @maria @sam`",
    );
  });
});
