import { describe, expect, it } from "vitest";
import { DomainError } from "../../src/domain/errors.js";
import { validateFields } from "../../src/domain/feedback-fields.js";

const empty = { wentWell: "", toImprove: "", rating: null, nextStep: "" };

function fieldOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError) return error.details.field;
    throw error;
  }
  return undefined;
}

describe("validateFields (the Give feedback form)", () => {
  it("needs at least one text field, and says so on the first", () => {
    expect(fieldOf(() => validateFields(empty))).toBe("wentWell");
    expect(fieldOf(() => validateFields({ ...empty, wentWell: "   \n " }))).toBe("wentWell");
  });

  it("accepts any one of the three, trimmed", () => {
    expect(validateFields({ ...empty, nextStep: "  Present again  " })).toEqual({
      ...empty,
      nextStep: "Present again",
    });
    expect(validateFields({ ...empty, toImprove: "Slower" }).toImprove).toBe("Slower");
  });

  it("limits each text field to 2,000 characters and names the field at fault", () => {
    expect(validateFields({ ...empty, wentWell: "a".repeat(2000) }).wentWell).toHaveLength(2000);
    expect(
      fieldOf(() => validateFields({ ...empty, wentWell: "ok", toImprove: "b".repeat(2001) })),
    ).toBe("toImprove");
    expect(fieldOf(() => validateFields({ ...empty, nextStep: "c".repeat(2001) }))).toBe(
      "nextStep",
    );
  });

  it("takes a rating of 1 to 5 or none", () => {
    expect(validateFields({ ...empty, wentWell: "ok", rating: 5 }).rating).toBe(5);
    expect(validateFields({ ...empty, wentWell: "ok", rating: null }).rating).toBeNull();
    for (const rating of [0, 6, 2.5, Number.NaN]) {
      expect(fieldOf(() => validateFields({ ...empty, wentWell: "ok", rating }))).toBe("rating");
    }
  });
});
