import { describe, expect, it } from "vitest";
import { DomainError } from "../../src/domain/errors.js";
import {
  LIMITS,
  requireFutureDate,
  requireMilestoneNumber,
  requireText,
} from "../../src/domain/input-rules.js";
import { errorMessage } from "../../src/slack/messages/error-messages.js";

/** The DomainError `fn` throws (fails the test if it throws nothing or something else). */
function refusal(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    return error as DomainError;
  }
  throw new Error("expected a refusal, got none");
}

describe("requireText", () => {
  it("keeps the limits where the issue sets them", () => {
    expect(LIMITS.title).toBe(150);
    expect(LIMITS.note).toBe(2000);
    expect(LIMITS.dueDateYears).toBe(10);
  });

  it("accepts a title of exactly 150 characters and refuses 151", () => {
    expect(requireText("t".repeat(150), "title", "milestone_add")).toBe("t".repeat(150));
    const error = refusal(() => requireText("t".repeat(151), "title", "milestone_add"));
    expect(error.code).toBe("text_too_long");
    expect(error.details).toMatchObject({ what: "title", length: 151, limit: 150 });
    expect(error.details.field).toBe("title");
    expect(errorMessage(error)).toContain("151 characters");
    expect(errorMessage(error)).toContain("150");
  });

  it("accepts a note of exactly 2000 characters and refuses 2001", () => {
    expect(requireText("n".repeat(2000), "note", "log")).toHaveLength(2000);
    const error = refusal(() => requireText("n".repeat(2001), "note", "log"));
    expect(error.details.field).toBe("note");
    expect(errorMessage(error)).toContain("2000");
  });

  it("trims before measuring: spaces around do not count", () => {
    expect(requireText(`  ${"t".repeat(150)}  `, "title", "milestone_add")).toBe("t".repeat(150));
  });

  it.each(["", "   ", "\n\t"])("refuses empty text %j with an example", (raw) => {
    const error = refusal(() => requireText(raw, "title", "milestone_add"));
    expect(error.details.field).toBe("title");
    expect(errorMessage(error)).toContain("/mentor milestone add Finish the AWS certification");
  });

  it.each([
    '{"$gt": ""}',
    "{ $ne: null }",
    "[{'$where': 'sleep(1000)'}]",
    'Learn {"$regex": ".*"} tricks',
  ])("refuses operator-looking text %j", (raw) => {
    const error = refusal(() => requireText(raw, "title", "milestone_add"));
    expect(error.details.field).toBe("title");
    expect(errorMessage(error)).toMatch(/plain text/);
  });

  it.each([
    "Save $500 for the course",
    "Ship {feature} by Q3",
    "Learn C++ & TypeScript: <generics>",
  ])("keeps ordinary text with symbols: %j", (raw) => {
    expect(requireText(raw, "title", "milestone_add")).toBe(raw);
  });
});

describe("requireFutureDate", () => {
  // 15:00Z: 10:00 in New York, 20:30 in Kolkata, all on 2026-11-23.
  const now = new Date("2026-11-23T15:00:00Z");

  it("accepts today and later, and the leap day", () => {
    expect(requireFutureDate("2026-11-23", "America/New_York", now)).toBe("2026-11-23");
    expect(requireFutureDate("2027-06-30", "UTC", now)).toBe("2027-06-30");
    expect(requireFutureDate("2028-02-29", "UTC", now)).toBe("2028-02-29");
  });

  it.each(["2027-02-29", "2027-02-30", "2026-13-01", "2027-6-30", "soon", '{"$gt": ""}'])(
    "refuses %j as not a real date, on the dueDate field",
    (raw) => {
      const error = refusal(() => requireFutureDate(raw, "UTC", now));
      expect(error.details.field).toBe("dueDate");
      expect(errorMessage(error)).toContain("2027-06-30");
    },
  );

  it("refuses a date in the past", () => {
    const error = refusal(() => requireFutureDate("2026-11-22", "UTC", now));
    expect(errorMessage(error)).toContain("in the past");
  });

  it("uses the person's own today: at 20:00Z the 23rd is already past in Kolkata", () => {
    const evening = new Date("2026-11-23T20:00:00Z");
    expect(requireFutureDate("2026-11-23", "America/New_York", evening)).toBe("2026-11-23");
    expect(
      errorMessage(refusal(() => requireFutureDate("2026-11-23", "Asia/Kolkata", evening))),
    ).toContain("in the past");
    expect(requireFutureDate("2026-11-24", "Asia/Kolkata", evening)).toBe("2026-11-24");
  });

  it("allows up to exactly 10 years from today, not a day more", () => {
    expect(requireFutureDate("2036-11-23", "UTC", now)).toBe("2036-11-23");
    const error = refusal(() => requireFutureDate("2036-11-24", "UTC", now));
    expect(errorMessage(error)).toContain("more than 10 years");
    // In Kolkata at 20:00Z it is the 24th, so the bound moves with it.
    const evening = new Date("2026-11-23T20:00:00Z");
    expect(requireFutureDate("2036-11-24", "Asia/Kolkata", evening)).toBe("2036-11-24");
  });
});

describe("requireMilestoneNumber", () => {
  it.each([
    ["1", 1],
    ["12", 12],
    ["9999", 9999],
  ])("accepts %j", (raw, n) => {
    expect(requireMilestoneNumber(raw, "log")).toBe(n);
  });

  it.each([undefined, "", "0", "-1", "1.5", "two", "1e3", "0x1", "99999", '{"$gt":', "<@U123>"])(
    "refuses %j with the example to type",
    (raw) => {
      const error = refusal(() => requireMilestoneNumber(raw, "log"));
      expect(error.details.field).toBe("milestone");
      expect(errorMessage(error)).toContain("/mentor log 1 Booked the exam");
    },
  );
});
