import { describe, expect, it } from "vitest";
import { parseMentorCommand } from "../../src/slack/commands/slash-command.parser.js";

describe("admins, end, reassign and forget", () => {
  it("reads admins with and without a person", () => {
    expect(parseMentorCommand("admins")).toEqual({ kind: "admins.list" });
    expect(parseMentorCommand("admins add <@U1AAA|ann>")).toEqual({
      kind: "admins.add",
      userId: "U1AAA",
    });
    expect(parseMentorCommand("admins REMOVE <@U1AAA>")).toEqual({
      kind: "admins.remove",
      userId: "U1AAA",
    });
    expect(parseMentorCommand("admins add ann")).toMatchObject({ kind: "usage" });
    expect(parseMentorCommand("admins add <@U1AAA> <@U2BBB>")).toMatchObject({ kind: "usage" });
    expect(parseMentorCommand("admins promote <@U1AAA>")).toMatchObject({ kind: "usage" });
  });

  it("reads end with an optional person and a reason that keeps its layout", () => {
    expect(parseMentorCommand("end")).toEqual({ kind: "end", reason: "" });
    expect(parseMentorCommand("end <@U1AAA|ann>")).toEqual({
      kind: "end",
      otherId: "U1AAA",
      reason: "",
    });
    expect(parseMentorCommand("end <@U1AAA> We reached\nthe goal")).toEqual({
      kind: "end",
      otherId: "U1AAA",
      reason: "We reached\nthe goal",
    });
    expect(parseMentorCommand("end Moving teams")).toEqual({ kind: "end", reason: "Moving teams" });
    // A mention after the reason picks the pair (if a partner; else it is read again as text).
    expect(parseMentorCommand("end Moving teams <@U1AAA>")).toEqual({
      kind: "end",
      otherId: "U1AAA",
      pickedAtEnd: true,
      reason: "Moving teams",
    });
    expect(parseMentorCommand("end Moving teams <@U1AAA>", "text")).toEqual({
      kind: "end",
      reason: "Moving teams someone",
    });
    // A second mention names the pair's other person (an admin ending a pair they are not in).
    expect(parseMentorCommand("end <@U1AAA> <@U2BBB|bo> Moving teams")).toEqual({
      kind: "end",
      otherId: "U1AAA",
      partnerId: "U2BBB",
      reason: "Moving teams",
    });
  });

  it("reads reassign as mentee then new mentor, both mentions", () => {
    expect(parseMentorCommand("reassign <@U1AAA> <@U2BBB>")).toEqual({
      kind: "reassign",
      menteeId: "U1AAA",
      mentorId: "U2BBB",
    });
    for (const text of [
      "reassign",
      "reassign <@U1AAA>",
      "reassign sam olly",
      "reassign <@U1AAA> <@U2BBB> now",
    ]) {
      expect(parseMentorCommand(text), text).toMatchObject({ kind: "usage" });
    }
  });

  it("reads forget me and forget @person, nothing else", () => {
    expect(parseMentorCommand("forget me")).toEqual({ kind: "forget", target: "me" });
    expect(parseMentorCommand("forget ME")).toEqual({ kind: "forget", target: "me" });
    expect(parseMentorCommand("forget <@U1AAA|ann>")).toEqual({ kind: "forget", target: "U1AAA" });
    for (const text of ["forget", "forget everyone", "forget me now", "forget <@U1AAA> <@U2BBB>"]) {
      expect(parseMentorCommand(text), text).toMatchObject({ kind: "usage" });
    }
  });
});
