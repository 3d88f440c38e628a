import { describe, expect, it } from "vitest";
import { DomainError } from "../../../src/domain/errors.js";
import { resolveFeedbackTime } from "../../../src/domain/feedback-time.js";
import { errorMessage } from "../../../src/slack/messages/error-messages.js";

// The domain raises codes with details; these are the words people read for them.
describe("refusals of input, in words", () => {
  it("names the missing text and shows where it goes", () => {
    const said = errorMessage(
      new DomainError("text_missing", { what: "aspiration", input: "goal", field: "aspiration" }),
    );
    expect(said).toBe(
      "Please add an aspiration. For example: `/mentor goal Lead a team by 2027-12-31`",
    );
  });

  it("says how long the text is and the limit", () => {
    const said = errorMessage(
      new DomainError("text_too_long", { what: "note", length: 2001, limit: 2000, field: "note" }),
    );
    expect(said).toBe("That note is 2001 characters; the limit is 2000. Please shorten it.");
  });

  it("echoes typed dates, times and words escaped, clipped, inside their code span", () => {
    const typed = `<!here>\`&${"x".repeat(60)}`;
    const echoes = [
      errorMessage(new DomainError("date_invalid", { text: typed, field: "date" })),
      errorMessage(new DomainError("when_invalid", { text: typed, field: "when" })),
      errorMessage(new DomainError("cadence_weekday_unknown", { text: typed })),
      errorMessage(new DomainError("cadence_time_unknown", { text: typed })),
      errorMessage(new DomainError("cadence_extra_words", { text: typed })),
      errorMessage(new DomainError("kickoff_time_invalid", { text: typed })),
    ];
    for (const said of echoes) {
      expect(said).toContain("`&lt;!here&gt;'&amp;x");
      expect(said).not.toContain("<!here>");
      expect(said).not.toContain("x".repeat(40));
    }
  });

  it("asks for a title before a date, with the example", () => {
    expect(errorMessage(new DomainError("title_before_date"))).toBe(
      "Please add a title before the date. For example: `/mentor milestone add Finish the AWS certification by 2027-03-31`",
    );
  });

  it("asks to pick a milestone on the form", () => {
    expect(errorMessage(new DomainError("milestone_not_picked", { field: "milestone" }))).toBe(
      "Pick one of the milestones in the list.",
    );
  });

  it("refuses feedback times too far or unreadable, on the when field", () => {
    const now = new Date("2026-11-23T15:00:00Z");
    const refusal = (fn: () => unknown) => {
      try {
        fn();
      } catch (error) {
        return error as DomainError;
      }
      throw new Error("expected a refusal");
    };
    const far = refusal(() =>
      resolveFeedbackTime({ kind: "in", amount: "800", unit: "h" }, "UTC", now),
    );
    expect(far.details.field).toBe("when");
    expect(errorMessage(far)).toBe("That's more than 30 days away. Pick a nearer time.");
    const bad = refusal(() =>
      resolveFeedbackTime({ kind: "at", date: "2026-02-30", time: "10:00" }, "UTC", now),
    );
    expect(errorMessage(bad)).toBe(
      "`2026-02-30 10:00` isn't a date and time I know. Write it like `at 2026-12-03 16:30`.",
    );
  });

  it("says the rating's range and who can't be asked", () => {
    expect(
      errorMessage(new DomainError("rating_invalid", { min: 1, max: 5, field: "rating" })),
    ).toBe("A rating is a whole number from 1 to 5.");
    expect(errorMessage(new DomainError("self_feedback"))).toBe(
      "You can't ask yourself for feedback. Name someone else.",
    );
    expect(errorMessage(new DomainError("feedback_give_needs_mentee"))).toBe(
      "Name your mentee and the topic, like `/mentor feedback give @sam Your demo on Tuesday`.",
    );
  });

  it("lists the cadences and clips echoed input", () => {
    expect(
      errorMessage(
        new DomainError("cadence_frequency_unknown", { choices: "weekly,biweekly,monthly" }),
      ),
    ).toBe(
      "How often? Say weekly, biweekly or monthly. For example: `/mentor checkin every weekly tue 09:30`.",
    );
    const said = errorMessage(new DomainError("cadence_extra_words", { text: "x".repeat(100) }));
    expect(said).toContain(`\`${"x".repeat(40)}\``);
    expect(said).not.toContain("x".repeat(41));
  });

  it("keeps the form field when a refusal moves to another one", () => {
    const error = new DomainError("text_too_long", {
      what: "note",
      length: 2001,
      limit: 2000,
      field: "note",
    }).inField("next_step");
    expect(error.code).toBe("text_too_long");
    expect(error.details.field).toBe("next_step");
    expect(errorMessage(error)).toContain("2001 characters");
  });
});

// "Ask a program admin" is no dead end: the refusal names who they are, or says there are none.
describe("no roadmap found, with the program admins looked up", () => {
  const noRoadmap = new DomainError("no_roadmap_found");

  it("names up to three admins, and counts the rest", () => {
    expect(errorMessage(noRoadmap, ["UA1", "UA2"])).toContain(
      "ask a program admin to pair you (<@UA1> or <@UA2>)",
    );
    expect(errorMessage(noRoadmap, ["UA1", "UA2", "UA3", "UA4", "UA5"])).toContain(
      "(<@UA1>, <@UA2>, <@UA3> and 2 more)",
    );
  });

  it("says plainly that there are none, and how to ask someone instead", () => {
    const said = errorMessage(noRoadmap, []);
    expect(said).toContain("there are no program admins yet");
    expect(said).not.toContain("ask a program admin");
    expect(said).toContain("`/mentor pair @mentor @mentee`");
  });
});
