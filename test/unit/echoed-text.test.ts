// Issue 11: user text echoed into Slack can't ping a channel or hide a link, in the `text`
// fallback (what notifications show) as well as in the blocks.
import { describe, expect, it } from "vitest";
import type { Celebration } from "../../src/domain/celebration.js";
import type { Introduction } from "../../src/domain/introduction.js";
import type { Milestone, Roadmap } from "../../src/domain/roadmap.js";
import {
  congratulationMessage,
  mentorMilestoneMessage,
  shoutOutMessage,
} from "../../src/slack/messages/celebration.messages.js";
import { escapeMrkdwn } from "../../src/slack/messages/escape.js";
import { exchangeSharedMessage } from "../../src/slack/messages/exchange.messages.js";
import {
  introductionPostMessage,
  introductionRequestMessage,
} from "../../src/slack/messages/introduction.messages.js";
import { confirmRemoveMessage } from "../../src/slack/messages/milestone-remove.messages.js";
import { roadmapMessage } from "../../src/slack/messages/roadmap.messages.js";
import type { SlackMessage } from "../../src/slack/slack-message.js";

const HOSTILE =
  "Hi @here and @channel and @everyone <!channel> <!here> <!everyone> see <http://evil.example|google.com> & <@UVICTIM1>";

/** Everything a message would show or notify with, as one string. */
const said = (message: SlackMessage) => `${message.text}\n${JSON.stringify(message.blocks ?? [])}`;

function expectInert(message: SlackMessage): void {
  const all = said(message);
  for (const broadcast of ["<!channel>", "<!here>", "<!everyone>", "<http://evil", "<@UVICTIM1>"]) {
    expect(all, broadcast).not.toContain(broadcast);
  }
  expect(all).not.toMatch(/@(here|channel|everyone)\b/);
  // The words are still there to read.
  expect(message.text).toContain("&lt;http://evil.example|google.com&gt;");
}

const milestone: Milestone = {
  id: "m1",
  relationshipId: "r1",
  position: 1,
  title: HOSTILE,
  description: "",
  dueDate: null,
  status: "done",
  doneAt: new Date("2026-11-23T10:00:00Z"),
  latestNote: null,
  createdAt: new Date("2026-11-01T10:00:00Z"),
};

const intro = (kind: Introduction["kind"]): Introduction => ({
  id: "i1",
  relationshipId: "r1",
  kind,
  mentorId: "UMENTOR1",
  menteeId: "UMENTEE1",
  personId: kind === "introduction" ? "UOTHER01" : null,
  text: HOSTILE,
  createdBy: "UMENTOR1",
  createdAt: new Date("2026-11-23T10:00:00Z"),
  sentAt: null,
});

const celebration: Celebration = {
  milestone,
  number: 1,
  mentorId: "UMENTOR1",
  menteeId: "UMENTEE1",
  aspiration: HOSTILE,
  done: 1,
  total: 2,
  roadmapComplete: false,
};

describe("echoed user text", () => {
  it("escapeMrkdwn neutralises broadcasts, mentions and disguised links, and keeps the words", () => {
    const escaped = escapeMrkdwn(HOSTILE);
    expect(escaped).not.toMatch(/[<>]|@(here|channel|everyone)\b/);
    expect(escaped.replace(/\u2060/g, "")).toContain("@here and @channel and @everyone");
  });

  it("a labelled mention kept in older stored text reads @name, and still pings no one", () => {
    expect(escapeMrkdwn("thanks <@UOTHER01|olly> & <@UOTHER02|here>")).toBe(
      "thanks @olly &amp; @\u2060here",
    );
    expect(escapeMrkdwn("<@UOTHER01>")).toBe("&lt;@UOTHER01&gt;");
  });

  it("introductions and introduction requests: text fallback and blocks", () => {
    expectInert(introductionPostMessage(intro("introduction")));
    expectInert(introductionRequestMessage(intro("request")));
  });

  it("celebrations: the shout-out, the mentor's DM and the congratulation", () => {
    expectInert(shoutOutMessage(celebration));
    expectInert(shoutOutMessage({ ...celebration, done: 2, roadmapComplete: true }));
    expectInert(mentorMilestoneMessage(celebration, { kind: "private" }));
    expectInert(
      congratulationMessage({
        mentorId: "UMENTOR1",
        milestoneTitle: HOSTILE,
        note: HOSTILE,
        nextStep: HOSTILE,
      }),
    );
  });

  it("an offer to the mentor and advice to the mentee", () => {
    for (const kind of ["offer", "advice"] as const) {
      expectInert(
        exchangeSharedMessage({
          id: "e1",
          relationshipId: "r1",
          kind,
          authorId: "UMENTEE1",
          source: kind === "offer" ? "checkin" : "presenting",
          text: HOSTILE,
          at: new Date("2026-11-23T10:00:00Z"),
        }),
      );
    }
  });

  it("the roadmap and the remove confirmation", () => {
    const roadmap: Roadmap = {
      relationshipId: "r1",
      mentorId: "UMENTOR1",
      menteeId: "UMENTEE1",
      goal: { aspiration: HOSTILE, targetDate: null, updatedAt: new Date(), updatedBy: "U1" },
      milestones: [milestone],
    };
    expectInert(roadmapMessage(roadmap, "2026-11-23"));
    expectInert(confirmRemoveMessage(milestone, 1));
  });
});
