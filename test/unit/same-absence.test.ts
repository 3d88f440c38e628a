import { describe, expect, it } from "vitest";
import { sameAbsence } from "../../src/domain/availability.js";
import { DEFAULT_CADENCE } from "../../src/domain/cadence.js";

const DAY = 24 * 3600 * 1000;
const told = (until: string, seenAt: string) => ({ until, seenAt: new Date(seenAt) });
const at = (iso: string) => new Date(iso);

describe("whether the away notice already told is of this absence", () => {
  it("a dated absence is its date, however long ago it was told", () => {
    const notice = told("2027-06-01", "2026-12-01T00:00:00Z");
    expect(sameAbsence(notice, "2027-06-01", at("2027-05-30T00:00:00Z"), DEFAULT_CADENCE)).toBe(
      true,
    );
    expect(sameAbsence(notice, "2027-06-08", at("2026-12-08T00:00:00Z"), DEFAULT_CADENCE)).toBe(
      false,
    );
    expect(sameAbsence(undefined, "2027-06-01", at("2026-12-08T00:00:00Z"), DEFAULT_CADENCE)).toBe(
      false,
    );
  });

  it("an open-ended one lasts while asked every period; a longer gap is a new absence", () => {
    const notice = told("", "2026-12-01T00:00:00Z");
    const weekLater = new Date(Date.parse("2026-12-01T00:00:00Z") + 7 * DAY);
    const monthLater = new Date(Date.parse("2026-12-01T00:00:00Z") + 30 * DAY);
    expect(sameAbsence(notice, "", weekLater, DEFAULT_CADENCE)).toBe(true);
    expect(sameAbsence(notice, "", monthLater, DEFAULT_CADENCE)).toBe(false);
    expect(sameAbsence(notice, "", monthLater, { ...DEFAULT_CADENCE, frequency: "monthly" })).toBe(
      true,
    );
  });
});
