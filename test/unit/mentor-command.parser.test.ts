import { describe, expect, it } from "vitest";
import { parseMention } from "../../src/slack/commands/mention.js";
import {
  parseMentorCommand,
  parseProgressCommand,
} from "../../src/slack/commands/slash-command.parser.js";

describe("parseMention", () => {
  it("reads escaped mentions with and without a name", () => {
    expect(parseMention("<@U123ABC|maria>")).toBe("U123ABC");
    expect(parseMention("<@U123ABC>")).toBe("U123ABC");
    expect(parseMention("<@W999|enterprise.user>")).toBe("W999");
  });

  it("refuses plain names, channels and near-misses", () => {
    for (const token of ["@maria", "U123ABC", "<#C123|general>", "<@u123>", "<@U123", "<!here>"]) {
      expect(parseMention(token)).toBeNull();
    }
  });
});

describe("parseMentorCommand", () => {
  it("shows help for an empty command and for help", () => {
    expect(parseMentorCommand("")).toEqual({ kind: "help" });
    expect(parseMentorCommand("   ")).toEqual({ kind: "help" });
    expect(parseMentorCommand("HELP")).toEqual({ kind: "help" });
  });

  it("parses pair with two mentions, mentor first", () => {
    expect(parseMentorCommand("pair <@U1AAA|ann>   <@U2BBB|bo>")).toEqual({
      kind: "pair",
      mentorId: "U1AAA",
      menteeId: "U2BBB",
    });
  });

  it("explains pair usage when people are missing or not mentions", () => {
    expect(parseMentorCommand("pair <@U1AAA>")).toMatchObject({ kind: "usage" });
    expect(parseMentorCommand("pair @ann @bo")).toMatchObject({ kind: "usage" });
    expect(parseMentorCommand("pair <@U1AAA> <@U2BBB> <@U3CCC>")).toMatchObject({ kind: "usage" });
  });

  it("reports an unknown subcommand by name", () => {
    expect(parseMentorCommand("dance now")).toEqual({ kind: "unknown", word: "dance" });
  });
});

describe("free text keeps its layout", () => {
  it("keeps the line breaks of a multi-line note", () => {
    expect(
      parseMentorCommand("log 2 Booked the exam.\nStudying   weekends.\n\nNext: mock test"),
    ).toEqual({
      kind: "log",
      number: "2",
      note: "Booked the exam.\nStudying   weekends.\n\nNext: mock test",
    });
  });

  it("strips a trailing person and keeps the note, marking the pick as made after free text", () => {
    expect(parseMentorCommand("done 1 Passed!\nThanks <@U2BBB|bo>")).toEqual({
      kind: "done",
      otherId: "U2BBB",
      pickedAtEnd: true,
      number: "1",
      note: "Passed!\nThanks",
    });
    // Read again as text (it named none of the actor's partners): the mention stays in the note,
    // as the plain name Slack showed (never markup that could ping).
    expect(parseMentorCommand("done 1 Passed!\nThanks <@U2BBB|bo>", "text")).toEqual({
      kind: "done",
      number: "1",
      note: "Passed!\nThanks @bo",
    });
    // After nothing but the number it can only pick the pair: never read again.
    expect(parseMentorCommand("done 1 <@U2BBB|bo>")).not.toHaveProperty("pickedAtEnd");
  });

  it("reads a goal with a leading person and a target date", () => {
    expect(parseMentorCommand("goal <@U2BBB> Lead a team\nof five by 2027-12-31")).toEqual({
      kind: "goal",
      otherId: "U2BBB",
      text: "Lead a team\nof five",
      date: "2027-12-31",
    });
  });

  it("reads `by <date>` before a trailing mention read as text, keeping the mention", () => {
    expect(parseMentorCommand("goal Lead a team\nof five by 2027-12-31 <@U2BBB>", "text")).toEqual({
      kind: "goal",
      text: "Lead a team\nof five someone",
      date: "2027-12-31",
    });
    expect(parseMentorCommand("milestone add Ship it by 2027-01-01 <@U2BBB|olly>", "text")).toEqual(
      { kind: "milestone.add", title: "Ship it @olly", date: "2027-01-01" },
    );
    expect(parseMentorCommand("milestone edit 2 Ship by 2027-01-01 <@U2BBB>", "text")).toEqual({
      kind: "milestone.edit",
      number: "2",
      title: "Ship someone",
      date: "2027-01-01",
    });
  });

  it("reads /progress like /mentor log", () => {
    expect(parseProgressCommand("3 Shipped the demo")).toEqual({
      kind: "log",
      number: "3",
      note: "Shipped the demo",
    });
  });

  it("reads a bare @mentor at the end of a feedback request as the mentorship meant", () => {
    // Right after the topic it may be a word of it: marked, so a non-partner is read again as text.
    expect(parseMentorCommand("feedback Quarterly demo <@UMENTOR2|max>")).toEqual({
      kind: "feedback.request",
      topic: "Quarterly demo",
      when: { kind: "now" },
      otherId: "UMENTOR2",
      pickedAtEnd: true,
    });
    expect(parseMentorCommand("feedback Demo prep with <@UOTHER1> in 2h", "text")).toEqual({
      kind: "feedback.request",
      topic: "Demo prep with someone",
      when: { kind: "in", amount: "2", unit: "h" },
    });
    expect(parseMentorCommand("feedback Demo in 2h from <@UOTHER1|olly> <@UMENTOR2>")).toEqual({
      kind: "feedback.request",
      topic: "Demo",
      when: { kind: "in", amount: "2", unit: "h" },
      fromId: "UOTHER1",
      otherId: "UMENTOR2",
    });
    // After a time it can only pick the mentorship: never read again.
    expect(parseMentorCommand("feedback Demo tomorrow <@UMENTOR2>")).not.toHaveProperty(
      "pickedAtEnd",
    );
    expect(parseMentorCommand("feedback Demo from <@UOTHER1>")).toEqual({
      kind: "feedback.request",
      topic: "Demo",
      when: { kind: "now" },
      fromId: "UOTHER1",
    });
  });
});

describe("feedback subcommand words", () => {
  it("reads cancel before a number, give before a mention, from before a mention", () => {
    expect(parseMentorCommand("feedback cancel 2")).toEqual({
      kind: "feedback.cancel",
      number: "2",
    });
    expect(parseMentorCommand("feedback cancel")).toEqual({ kind: "feedback.cancel" });
    for (const text of [
      "feedback list 2",
      "feedback list 2 3",
      "feedback list @maria",
      "feedback list <@U1AAA> <@U2BBB>",
      "feedback list <@U1AAA> please",
      "feedback list please",
    ]) {
      expect(parseMentorCommand(text), text).toMatchObject({ code: "feedback_list_extra_words" });
    }
    expect(parseMentorCommand("feedback give <@U2BBB> Your demo")).toEqual({
      kind: "feedback.give",
      menteeId: "U2BBB",
      topic: "Your demo",
    });
    expect(parseMentorCommand("feedback give")).toEqual({ kind: "feedback.give", topic: "" });
    // A mention Slack left as plain text is no topic: no menteeId, so the usage hint.
    expect(parseMentorCommand("feedback give @sam Your demo")).toEqual({
      kind: "feedback.give",
      topic: "@sam Your demo",
    });
    expect(parseMentorCommand("feedback Demo from @alex")).toMatchObject({
      code: "feedback_giver_not_mention",
    });
  });
});

describe("a feedback request's time", () => {
  it("refuses a time it cannot read rather than asking now with the time in the topic", () => {
    for (const text of [
      "feedback My demo in 2 hours",
      "feedback My demo in 2days",
      "feedback My demo tomorrow 10:00",
      "feedback My demo tomorrow at 10:00",
      "feedback My demo at 10:00",
      "feedback My demo at 3pm",
      "feedback My demo at 2026/03/10 10:00",
    ]) {
      expect(parseMentorCommand(text), text).toMatchObject({
        kind: "usage",
        code: "feedback_when_unclear",
      });
    }
  });

  it("keeps topics that only mention a place or a year", () => {
    for (const topic of [
      "Roadmap in 2027",
      "Talk at ReactConf",
      "Lessons learnt in prod",
      "Demo at 3 sites",
      "Portfolio review in 3D",
      "Upgrade to Python at 3.12",
      "Release at 2.0",
      "Career plan at 30",
      "Cancel culture talk",
      "List of Q3 priorities review",
      "list everything we shipped",
      "Give and take workshop",
      "Lessons learned from customers",
    ]) {
      expect(parseMentorCommand(`feedback ${topic}`), topic).toEqual({
        kind: "feedback.request",
        topic,
        when: { kind: "now" },
      });
    }
    expect(parseMentorCommand("feedback Demo at 2026-12-03 16:30")).toMatchObject({
      topic: "Demo",
      when: { kind: "at", date: "2026-12-03", time: "16:30" },
    });
  });
});

describe("working hours and time off (issue 16)", () => {
  it("reads hours with and without days, and refuses extra words", () => {
    expect(parseMentorCommand("hours")).toEqual({ kind: "hours.show" });
    expect(parseMentorCommand("hours 08:30-17:00")).toEqual({
      kind: "hours.set",
      range: "08:30-17:00",
    });
    expect(parseMentorCommand("hours 08:30-17:00 mon-thu")).toEqual({
      kind: "hours.set",
      range: "08:30-17:00",
      days: "mon-thu",
    });
    expect(parseMentorCommand("hours 08:30 - 17:00").kind).toBe("usage");
  });

  it("reads away with or without `until`, keeping the note's layout", () => {
    expect(parseMentorCommand("away until 2027-01-08 Skiing,  then family")).toEqual({
      kind: "away",
      until: "2027-01-08",
      note: "Skiing,  then family",
    });
    expect(parseMentorCommand("away 2027-01-08")).toEqual({
      kind: "away",
      until: "2027-01-08",
      note: "",
    });
    expect(parseMentorCommand("away until").kind).toBe("usage");
    expect(parseMentorCommand("back")).toEqual({ kind: "back" });
    expect(parseMentorCommand("back soon").kind).toBe("usage");
  });
});

describe("roadmap templates (issue 16)", () => {
  it("reads the list and the template to add, with an optional person", () => {
    expect(parseMentorCommand("roadmap templates")).toEqual({ kind: "roadmap.templates" });
    expect(parseMentorCommand("milestone add template public-speaking <@U2BBB|bo>")).toEqual({
      kind: "milestone.template",
      otherId: "U2BBB",
      template: "public-speaking",
    });
    // A milestone whose title merely starts with another word is still a milestone.
    expect(parseMentorCommand("milestone add Templates for the team").kind).toBe("milestone.add");
  });
});
