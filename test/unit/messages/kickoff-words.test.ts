import { describe, expect, it } from "vitest";
import type { Kickoff } from "../../../src/domain/kickoff.js";
import {
  kickoffConfirmMessage,
  kickoffReplannedMessage,
  kickoffSuggestedMessage,
} from "../../../src/slack/messages/kickoff.messages.js";

const MARIA = "U0MARIA";
const SAM = "U0SAM";
const starts = new Date("2026-11-24T18:00:00Z");
const kickoff = {
  id: "k1",
  relationshipId: "r1",
  mentorId: MARIA,
  menteeId: SAM,
  at: starts,
  mentorStartsAt: starts,
  menteeStartsAt: starts,
} as unknown as Kickoff;

const replanned = (role: "mentor" | "mentee", changed: string[]) =>
  kickoffReplannedMessage(kickoff, role, changed).text;
const mentionsOf = (text: string, id: string) => text.split(`<@${id}>`).length - 1;

describe("the kickoff planned again", () => {
  it("names the other person once, and says whose hours changed in the reader's words", () => {
    const cases: Array<[role: "mentor" | "mentee", changed: string[], why: string]> = [
      ["mentee", [MARIA], `with <@${MARIA}> is planned again because their working hours`],
      ["mentor", [SAM], `with <@${SAM}> is planned again because their working hours`],
      ["mentor", [MARIA], `with <@${SAM}> is planned again because your working hours`],
      ["mentee", [MARIA, SAM], `with <@${MARIA}> is planned again because both your working hours`],
      ["mentee", [], `with <@${MARIA}> is planned again. Your kickoff is on`],
    ];
    for (const [role, changed, why] of cases) {
      const text = replanned(role, changed);
      expect(text, `${role} ${changed}`).toContain(why);
      expect(mentionsOf(text, role === "mentor" ? SAM : MARIA)).toBe(1);
      expect(mentionsOf(text, role === "mentor" ? MARIA : SAM)).toBe(0);
    }
  });
});

describe("after the kickoff", () => {
  it("milestones suggested once the kickoff was held are not to be talked over at it", () => {
    const before = { ...kickoff, suggestedAt: new Date("2026-11-24T10:00:00Z") } as Kickoff;
    const after = { ...kickoff, suggestedAt: new Date("2026-11-25T10:00:00Z") } as Kickoff;
    expect(kickoffSuggestedMessage(before, 5).text).toContain("talk them over at the kickoff");
    expect(kickoffSuggestedMessage(after, 5).text).not.toContain("at the kickoff");
    expect(kickoffSuggestedMessage(after, 5).text).toContain(`talk them over with <@${MARIA}>`);
  });

  it("the confirmation says what the kickoff never got, instead of 'change what you agreed'", () => {
    const bare = { ...kickoff, answers: null, suggestedAt: null } as Kickoff;
    const text = kickoffConfirmMessage(bare).text;
    expect(text).toContain("you haven't sent your kickoff answers");
    expect(text).toContain(`<@${MARIA}> hasn't suggested milestones`);
    expect(text).not.toContain("change what you agreed to change");
    const full = {
      ...kickoff,
      answers: { at: starts },
      suggestedAt: new Date("2026-11-24T10:00:00Z"),
    } as unknown as Kickoff;
    expect(kickoffConfirmMessage(full).text).toContain("change what you agreed to change");
  });
});
