// The next check-in as the sweep will really send it (src/domain/next-checkin.ts), in the
// review's two cases: weekly on Monday 10:00 for a mentee in Berlin, away in March 2027.
import { describe, expect, it } from "vitest";
import type { Cadence } from "../../src/domain/cadence.js";
import type { Checkin } from "../../src/domain/checkin.js";
import { nextCheckin } from "../../src/domain/next-checkin.js";
import { defaultCalendar, type WorkCalendar } from "../../src/domain/working-hours.js";

const WEEKLY: Cadence = { frequency: "weekly", weekday: 1, time: "10:00", anchorDate: null };
/** Mon 8 Mar 2027, 10:00 in Berlin. */
const SLOT = new Date("2027-03-08T09:00:00Z");

/** Berlin's default hours, away from the 1st of March through `lastDay`. */
const awayThrough = (lastDay: string): WorkCalendar => ({
  ...defaultCalendar("Europe/Berlin"),
  isDayOff: (date) => date >= "2027-03-01" && date <= lastDay,
});

const held = (scheduledFor: Date, slot = SLOT.toISOString()) =>
  ({ id: "c1", slot, scheduledFor, status: "scheduled" }) as Checkin;

describe("the next check-in", () => {
  it("is the one the sweep holds back for the mentee, not the slot it moved on to", () => {
    const thursday = new Date("2027-03-11T08:00:00Z");
    const next = nextCheckin(
      [held(thursday)],
      new Date("2027-03-15T09:00:00Z"),
      awayThrough("2027-03-10"),
      WEEKLY,
    );
    expect(next.arrivesAt).toEqual(thursday);
    expect(next.held?.id).toBe("c1");
  });

  it("is the slot's arrival when the mentee's time off holds it back less than half a period", () => {
    const next = nextCheckin([], SLOT, awayThrough("2027-03-10"), WEEKLY);
    expect(next).toMatchObject({ held: null, slot: SLOT });
    expect(next.arrivesAt).toEqual(new Date("2027-03-11T08:00:00Z"));
  });

  it("is the next slot's when the sweep would fold this one into it", () => {
    const next = nextCheckin([], SLOT, awayThrough("2027-03-11"), WEEKLY);
    expect(next.slot).toEqual(new Date("2027-03-15T09:00:00Z"));
    expect(next.arrivesAt).toEqual(new Date("2027-03-15T09:00:00Z"));
  });

  it("is not one asked for with `checkin now`, which is on its way", () => {
    const now = new Date("2027-03-08T08:00:00Z");
    const next = nextCheckin(
      [held(now, "now:2027-03-08T08:00")],
      SLOT,
      awayThrough("2027-02-28"),
      WEEKLY,
    );
    expect(next).toMatchObject({ held: null, slot: SLOT, arrivesAt: SLOT });
  });
});
