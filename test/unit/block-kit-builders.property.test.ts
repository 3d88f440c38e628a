/**
 * Every Block Kit builder, fed the longest and most awkward inputs the input rules allow,
 * stays inside Slack's documented limits (checked by the same rules the Slack double uses).
 */
import type { KnownBlock, View } from "@slack/types";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Checkin } from "../../src/domain/checkin.js";
import type { FeedbackEntry, FeedbackRequest } from "../../src/domain/feedback.js";
import { LIMITS } from "../../src/domain/input-rules.js";
import type { Introduction } from "../../src/domain/introduction.js";
import type { Kickoff } from "../../src/domain/kickoff.js";
import type { Relationship } from "../../src/domain/relationship.js";
import type { Milestone, Roadmap } from "../../src/domain/roadmap.js";
import * as celebration from "../../src/slack/messages/celebration.messages.js";
import * as checkin from "../../src/slack/messages/checkin.messages.js";
import * as feedback from "../../src/slack/messages/feedback.messages.js";
import { helpBlocks } from "../../src/slack/messages/help.message.js";
import * as intro from "../../src/slack/messages/introduction.messages.js";
import { kickoffAnswersMessage } from "../../src/slack/messages/kickoff.messages.js";
import { confirmRemoveMessage } from "../../src/slack/messages/milestone-remove.messages.js";
import * as pairing from "../../src/slack/messages/pairing.messages.js";
import { newMentorMessage } from "../../src/slack/messages/reassignment.messages.js";
import {
  milestoneDetailBlocks,
  roadmapMessage,
} from "../../src/slack/messages/roadmap.messages.js";
import type { SlackMessage } from "../../src/slack/slack-message.js";
import { appHomeView } from "../../src/slack/views/app-home.view.js";
import { checkinProgressModal } from "../../src/slack/views/checkin-progress-modal.view.js";
import { congratulateModal } from "../../src/slack/views/congratulate-modal.view.js";
import { feedbackModal } from "../../src/slack/views/feedback-modal.view.js";
import { addMilestoneModal } from "../../src/slack/views/milestone-modal.view.js";
import { logProgressModal } from "../../src/slack/views/progress-modal.view.js";
import {
  blocksTextLength,
  messageProblems,
  postedMessageProblems,
  viewProblems,
} from "../support/block-kit-limits.js";

const RUNS = { numRuns: 40 };
const NOW = new Date("2027-03-01T10:00:00Z");
const TODAY = "2027-03-01";

/** Text up to `max` characters of what escapes or counts worst: `&`, `<`, `>`, emoji, newlines. */
const awkward = (max: number) =>
  fc.oneof(
    fc
      .constantFrom("&", "<", ">", "😀", "*", "<!channel>", "\n")
      .map((unit) => unit.repeat(Math.floor(max / unit.length))),
    fc
      .string({
        unit: fc.constantFrom("&", "<", ">", "😀", "a", " ", "\n", "`", "<@U1>", "é"),
        maxLength: max,
      })
      .map((s) => s.slice(0, max).replace(/[\ud800-\udbff]$/, "")),
  );
const userId = fc.stringMatching(/^U[A-Z0-9]{10}$/);
const objectId = fc.stringMatching(/^[0-9a-f]{24}$/);

const milestone = fc
  .record({
    id: objectId,
    title: awkward(LIMITS.title).map((t) => t || "t"),
    description: awkward(LIMITS.description),
    note: fc.option(awkward(LIMITS.note), { nil: null }),
    status: fc.constantFrom("planned", "in_progress", "done"),
    author: userId,
  })
  .map(
    (m, i = 0): Milestone => ({
      id: m.id,
      relationshipId: "r1",
      position: i,
      title: m.title,
      description: m.description,
      dueDate: "2027-06-30",
      status: m.status as Milestone["status"],
      doneAt: m.status === "done" ? NOW : null,
      latestNote: m.note ? { text: m.note, authorId: m.author, at: NOW } : null,
      createdAt: NOW,
    }),
  );

/**
 * Up to 120 milestones: past the 100 options a select takes and the 50 blocks of a message,
 * and around the 50 a roadmap may hold, where a block around the list tips a message over.
 */
const roadmap = fc
  .record({
    relationshipId: objectId,
    mentorId: userId,
    menteeId: userId,
    aspiration: fc.option(
      awkward(LIMITS.aspiration).map((a) => a || "a"),
      { nil: null },
    ),
    milestones: fc.oneof(
      fc.array(milestone, { maxLength: 8 }),
      fc.array(milestone, { minLength: 44, maxLength: 52 }),
      fc.array(milestone, { minLength: 101, maxLength: 120 }),
    ),
    ended: fc.boolean(),
  })
  .map(
    (r): Roadmap => ({
      relationshipId: r.relationshipId,
      mentorId: r.mentorId,
      menteeId: r.menteeId,
      goal: r.aspiration
        ? {
            aspiration: r.aspiration,
            targetDate: "2028-01-01",
            updatedAt: NOW,
            updatedBy: r.mentorId,
          }
        : null,
      milestones: r.milestones.map((m, i) => ({
        ...m,
        position: i,
        id: `${m.id.slice(0, 20)}${String(i).padStart(4, "0")}`,
      })),
      ...(r.ended ? { endedAt: NOW } : {}),
    }),
  );

const checkinWith = (note: string, titles: string[]): Checkin => ({
  id: "c".repeat(24),
  relationshipId: "r1",
  mentorId: "UMENTOR0001",
  menteeId: "UMENTEE0001",
  slot: NOW.toISOString(),
  scheduledFor: NOW,
  sequence: 4,
  status: "answered",
  sentAt: NOW,
  message: null,
  remindAt: null,
  remindedAt: null,
  missAt: null,
  answer: { kind: "progress", note, milestoneTitles: titles, by: "UMENTEE0001", at: NOW },
  announcedAt: null,
  streakCheckedAt: null,
});

const request = (topic: string): FeedbackRequest => ({
  id: "f".repeat(24),
  relationshipId: "r1",
  requesterId: "UMENTEE0001",
  giverId: "UMENTOR0001",
  topic,
  promptAt: NOW,
  status: "asked",
  askedAt: NOW,
  message: null,
  remindAt: null,
  remindedAt: null,
  expiresAt: null,
  createdAt: NOW,
});

/** A reply (response_url, the ack body): Block Kit's limits. */
const expectMessageFits = (message: SlackMessage) =>
  expect(messageProblems({ blocks: message.blocks ?? [] })).toEqual([]);
/** A DM or channel post (chat.postMessage): those, and the text its blocks carry in all. */
const expectPostFits = (message: SlackMessage) =>
  expect(postedMessageProblems({ blocks: message.blocks ?? [] })).toEqual([]);
const expectViewFits = (view: View) => expect(viewProblems(view)).toEqual([]);
/** The text of every section, joined. */
const allText = (blocks: readonly unknown[]) =>
  (blocks as KnownBlock[]).map((b) => (b.type === "section" ? (b.text?.text ?? "") : "")).join("");

describe("Block Kit builders fit Slack's limits whatever they are given", () => {
  it("roadmap, milestone detail and remove confirmation", () => {
    fc.assert(
      fc.property(roadmap, (r) => {
        expectMessageFits(roadmapMessage(r, TODAY));
        for (const [i, m] of r.milestones.slice(0, 3).entries()) {
          expectMessageFits({ text: "", blocks: milestoneDetailBlocks(m, i + 1, TODAY) });
          expectMessageFits(confirmRemoveMessage(m, i + 1));
        }
      }),
      RUNS,
    );
  });

  it("a roadmap too long for one message says how many milestones are not shown", () => {
    fc.assert(
      fc.property(roadmap, (r) => {
        const blocks = roadmapMessage(r, TODAY).blocks ?? [];
        if (r.milestones.length + 3 + (r.endedAt ? 1 : 0) > 50) {
          expect(JSON.stringify(blocks.at(-1))).toMatch(/and \d+ more milestones/);
        }
        // The new mentor's introduction carries the roadmap between blocks of its own.
        const introduced = newMentorMessage({
          relationship: { id: "r1", mentorId: r.mentorId, menteeId: r.menteeId } as Relationship,
          roadmap: r,
          fromMentorId: "UOLDMENTOR1",
          at: String(NOW.getTime()),
          mentorToday: TODAY,
        });
        expectPostFits(introduced);
        if (r.milestones.length + 6 > 50) {
          expect(JSON.stringify(introduced.blocks?.at(-2))).toMatch(/and \d+ more milestones/);
        }
      }),
      RUNS,
    );
  });

  it("progress forms: every open milestone can be picked, even past 100", () => {
    fc.assert(
      fc.property(roadmap, (r) => {
        const views = [
          logProgressModal(r),
          checkinProgressModal(checkinWith("", []), r),
          addMilestoneModal(r.relationshipId),
        ];
        for (const view of views) expectViewFits(view);
        const open = r.milestones.filter((m) => m.status !== "done");
        const values = JSON.stringify(views[0]).match(/"value":"[0-9a-f]{24}"/g) ?? [];
        expect(values).toHaveLength(open.length);
      }),
      RUNS,
    );
  });

  it("App Home, with many mentorships, many notes and feedback owed: never cut silently", () => {
    const entries = fc.array(roadmap, { minLength: 0, maxLength: 7 });
    fc.assert(
      fc.property(entries, awkward(LIMITS.note), awkward(LIMITS.title), (roadmaps, note, topic) => {
        const viewer = roadmaps[0]?.mentorId ?? "UVIEWER0001";
        const home = roadmaps.map((r) => ({
          roadmap: { ...r, mentorId: viewer },
          recentProgress: r.milestones.slice(0, 3).map((m) => ({
            relationshipId: r.relationshipId,
            milestoneId: m.id,
            authorId: r.menteeId,
            kind: "log" as const,
            text: note || "n",
            at: NOW,
          })),
        }));
        const checkins = new Map(
          roadmaps.map((r) => [
            r.relationshipId,
            {
              paused: false,
              nextCheckinAt: NOW,
              latestAnswers: [1, 2, 3].map(() => checkinWith(note, [topic])),
            },
          ]),
        );
        const intros = new Map(
          roadmaps.map((r) => [
            r.relationshipId,
            [1, 2, 3, 4, 5].map(
              (n): Introduction => ({
                id: String(n),
                relationshipId: r.relationshipId,
                kind: n % 2 ? "introduction" : "request",
                mentorId: viewer,
                menteeId: r.menteeId,
                personId: "UPERSON0001",
                text: note,
                createdBy: viewer,
                createdAt: NOW,
                sentAt: NOW,
              }),
            ),
          ]),
        );
        const owed = Array.from({ length: 14 }, (_, i) => ({
          ...request(topic || "t"),
          id: String(i).padStart(24, "f"),
        }));
        const view = appHomeView(viewer, home, TODAY, checkins, intros, owed);
        expectViewFits(view);
        const shown = roadmaps.filter((r) =>
          view.blocks.some((b) => b.block_id === `home_${r.relationshipId}`),
        );
        if (shown.length < roadmaps.length) {
          expect(JSON.stringify(view.blocks.at(-1))).toContain("don't fit on this page");
        }
      }),
      { numRuns: 15 },
    );
  });

  it("check-in messages, and a 2,000-character note is split, not cut, unless nearly all `&`", () => {
    fc.assert(
      fc.property(
        awkward(LIMITS.note),
        fc.oneof(
          fc.array(awkward(LIMITS.title), { maxLength: 3 }),
          fc.array(awkward(LIMITS.title), { minLength: 11, maxLength: 50 }),
        ),
        (note, titles) => {
          const c = checkinWith(note, titles);
          const milestones = titles.map((title, i) => ({
            number: i + 1,
            milestone: { ...({} as Milestone), id: String(i), title, dueDate: "2027-06-30" },
          }));
          // A long roadmap is listed in part, and the list says so at its end (not cut mid-title).
          const listed = allText(checkin.checkinMessage(c, milestones).blocks ?? []);
          if (titles.length > 10) expect(listed).toContain(`and ${titles.length - 10} more`);
          expect(listed.match(/\(due /g) ?? []).toHaveLength(Math.min(titles.length, 10));
          const about = allText(checkin.mentorAnswerMessage(c).blocks ?? []);
          if (titles.length > 10) expect(about).toContain(`and ${titles.length - 10} more`);
          for (const m of [
            checkin.checkinMessage(c, milestones),
            checkin.answeredMessage(c),
            checkin.mentorAnswerMessage(c),
            checkin.reminderMessage(c),
            checkin.reflectionMessage(c),
            checkin.missedStreakMessage(c, "admin", 3),
          ])
            expectPostFits(m);
        },
      ),
      RUNS,
    );
    // A note of the longest length is split across sections, whole, unless nearly all of it
    // is `&` (five characters escaped): then it is cut just short of the end, and says so.
    const longest = `${"&".repeat(LIMITS.note - 10)}${"a".repeat(10)}`;
    const whole = checkin.mentorAnswerMessage(checkinWith(longest, []));
    expectPostFits(whole);
    expect(allText(whole.blocks ?? []).split("&amp;").length - 1).toBe(LIMITS.note - 10);
    const ampersands = checkin.mentorAnswerMessage(checkinWith("&".repeat(LIMITS.note), []));
    expectPostFits(ampersands);
    expect(allText(ampersands.blocks ?? []).split("&amp;").length - 1).toBeGreaterThan(1_980);
    expect(allText(ampersands.blocks ?? [])).toContain("`/mentor my data` has all of it");
    // With ten open milestones of `&` too, the two are cut to fit together, and say so.
    const tenTitles = Array.from({ length: 10 }, () => "&".repeat(LIMITS.title));
    const both = checkin.mentorAnswerMessage(checkinWith("&".repeat(LIMITS.note), tenTitles));
    expectPostFits(both);
    expect(allText(both.blocks ?? [])).toContain("`/mentor my data` has all of it");
  });

  it("the mentor's answer DM keeps to the budget of every other post: 10,000 characters of the mentee's words", () => {
    // Slack refused a post of 11,341 characters (slackapi/bolt-js#2867), under its documented
    // 12,000: every post gives user text 10,000 and adds a few hundred of its own at most.
    const tenTitles = Array.from({ length: 10 }, () => "&".repeat(LIMITS.title));
    const longest = checkinWith("&".repeat(LIMITS.note), tenTitles);
    const needHelp = { ...longest, answer: { ...longest.answer, kind: "need_help" } } as Checkin;
    for (const c of [longest, needHelp]) {
      const blocks = checkin.mentorAnswerMessage(c).blocks ?? [];
      expect(blocksTextLength(blocks)).toBeLessThanOrEqual(10_300);
      // The longer of the two, the note, is cut; the titles stay as a check-in lists them.
      const [titles = "", ...note] = allText(blocks.slice(1)).split("*Their note:*");
      expect(titles).not.toContain("`/mentor my data`");
      expect(note.join("").split("&amp;").length - 1).toBeGreaterThan(1_500);
    }
  });

  it("feedback messages and the feedback modal", () => {
    fc.assert(
      fc.property(
        awkward(LIMITS.title),
        awkward(LIMITS.note),
        awkward(LIMITS.note),
        awkward(LIMITS.note),
        (topic, wentWell, toImprove, nextStep) => {
          const r = request(topic);
          const entry: FeedbackEntry = {
            id: "e1",
            requestId: r.id,
            relationshipId: "r1",
            giverId: "UMENTOR0001",
            recipientId: "UMENTEE0001",
            topic,
            createdAt: NOW,
            wentWell,
            toImprove,
            nextStep,
            rating: 5,
          };
          for (const m of [
            feedback.feedbackPromptMessage(r),
            feedback.feedbackReminderMessage(r),
            feedback.feedbackSentMessage(r),
            feedback.feedbackExpiredMessage(r),
            feedback.feedbackReceivedMessage(entry),
          ])
            expectPostFits(m);
          expectViewFits(feedbackModal({ requestId: r.id }, { recipientId: "U1", topic }));
          expectViewFits(
            feedbackModal({ relationshipId: "r".repeat(24), topic }, { recipientId: "U1", topic }),
          );
        },
      ),
      RUNS,
    );
  });

  it("celebrations, introductions, congratulations and pairing", () => {
    fc.assert(
      fc.property(
        roadmap.filter((r) => r.milestones.length > 0),
        awkward(LIMITS.note),
        fc.boolean(),
        (r, text, complete) => {
          const m = r.milestones[0] as Milestone;
          const c = {
            milestone: m,
            number: 1,
            mentorId: r.mentorId,
            menteeId: r.menteeId,
            aspiration: r.goal?.aspiration ?? null,
            done: 1,
            total: r.milestones.length,
            roadmapComplete: complete,
          };
          for (const outcome of [
            { kind: "posted" as const, channelId: "C1" },
            {
              kind: "failed" as const,
              channelId: "C1",
              reason: "not_in_channel",
              adminsTold: false,
            },
          ]) {
            expectPostFits(celebration.mentorMilestoneMessage(c, outcome));
          }
          expectPostFits(celebration.shoutOutMessage(c));
          expectPostFits(celebration.nextAspirationMessage(c));
          expectPostFits(
            celebration.shoutOutFailedMessage(c, {
              channelId: "C1",
              reason: "x",
              toldId: r.menteeId,
            }),
          );
          expectPostFits(
            celebration.unsharedMessage(c, {
              kind: "failed",
              channelId: "C1",
              reason: "x",
              adminsTold: false,
            }),
          );
          expectPostFits(
            celebration.congratulationMessage({
              mentorId: r.mentorId,
              milestoneTitle: m.title,
              note: text,
              nextStep: text,
            }),
          );
          expectViewFits(congratulateModal(m, r.menteeId));
          const i: Introduction = {
            id: "i1",
            relationshipId: r.relationshipId,
            kind: "introduction",
            mentorId: r.mentorId,
            menteeId: r.menteeId,
            personId: "UPERSON0001",
            text: text || "t",
            createdBy: r.mentorId,
            createdAt: NOW,
            sentAt: null,
          };
          expectPostFits(intro.introductionPostMessage(i));
          expectPostFits(intro.introductionRequestMessage(i));
          const rel = {
            id: "r1",
            mentorId: r.mentorId,
            menteeId: r.menteeId,
            requestedBy: r.mentorId,
            awaitingUserId: r.menteeId,
            createdBy: r.mentorId,
          } as Relationship;
          expectPostFits(pairing.introductionMessage(rel, r.mentorId));
          expectPostFits(pairing.pairingRequestMessage(rel));
          expectPostFits(pairing.pairingAnsweredMessage(rel, true));
          expectPostFits(pairing.introductionMessage(rel, r.menteeId));
          expectPostFits(
            pairing.requestDeclinedMessage(rel, ["UADMIN01", "UADMIN02", "UADMIN03", "UADMIN04"]),
          );
        },
      ),
      { numRuns: 20 },
    );
  });

  it("the mentee's kickoff answers, to the mentor", () => {
    fc.assert(
      fc.property(
        fc.array(
          awkward(LIMITS.note).map((t) => t || "t"),
          { minLength: 5, maxLength: 5 },
        ),
        ([skills = "", challenges = "", support = "", offer = "", aspiration = ""]) => {
          const message = kickoffAnswersMessage(
            { id: "k".repeat(24), menteeId: "UMENTEE0001", mentorId: "UMENTOR0001" } as Kickoff,
            {
              aspiration: aspiration.slice(0, LIMITS.aspiration),
              targetDate: "2027-12-31",
              skills,
              challenges,
              support,
              offer,
              at: NOW,
            },
          );
          expectPostFits(message);
          // Plain words fit whole: only escaped text is cut.
          if (![skills, challenges, support, offer].join("").match(/[&<>]/))
            expect(allText(message.blocks ?? [])).not.toContain("too long for one Slack message");
        },
      ),
      RUNS,
    );
  });

  it("help, for a person and for an admin", () => {
    expectMessageFits({ text: "", blocks: helpBlocks() });
    expectMessageFits({ text: "", blocks: helpBlocks("I don't know the command `x`.") });
  });
});
