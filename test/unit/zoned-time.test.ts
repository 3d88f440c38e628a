// Wall clock <-> instant in zones whose clocks change on the hour, on the half hour and by half an
// hour, checked against Intl's own reading of every quarter hour around each 2026 change.
import { describe, expect, it } from "vitest";
import { localDate, localToInstant } from "../../src/domain/zoned-time.js";

const ZONES = [
  "Europe/Berlin", // changes at 01:00 UTC, on the hour
  "America/St_Johns", // UTC-3:30: changes at 05:30 UTC, inside an hour
  "Australia/Lord_Howe", // moves by 30 minutes, at 15:30 UTC
  "Pacific/Chatham", // UTC+12:45
  "Asia/Kolkata", // no change at all
];
const QUARTER = 15 * 60_000;
const HOUR = 4 * QUARTER;

/** What Intl says the wall clock reads: ["2026-03-08", "03:30"]. */
function wallClock(instant: number, zone: string): [string, string] {
  const text = new Intl.DateTimeFormat("en-CA", {
    timeZone: zone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
  }).format(instant);
  const [date = "", time = ""] = text.split(", ");
  return [date, time];
}

/** Quarter hours from 3 hours before to 3 hours after each hour in 2026 when the offset moved. */
function aroundChanges(zone: string): number[] {
  const offset = (t: number) => {
    const [date, time] = wallClock(t, zone);
    return Date.parse(`${date}T${time}:00Z`) - t;
  };
  const instants: number[] = [];
  const start = Date.UTC(2026, 0, 1);
  for (let hour = start; hour < Date.UTC(2027, 0, 1); hour += HOUR) {
    if (offset(hour) === offset(hour + HOUR)) continue;
    for (let t = hour - 3 * HOUR; t <= hour + 4 * HOUR; t += QUARTER) instants.push(t);
  }
  return instants;
}

describe("zoned time around daylight-saving changes", () => {
  for (const zone of ZONES) {
    it(`${zone}: every quarter hour reads back to itself, and to the day Intl shows`, () => {
      const instants = [...aroundChanges(zone), Date.UTC(2026, 5, 15, 12), Date.UTC(2026, 11, 31)];
      for (const instant of instants) {
        const [date, time] = wallClock(instant, zone);
        expect(
          localDate(new Date(instant), zone),
          `${zone} ${new Date(instant).toISOString()}`,
        ).toBe(date);
        const back = localToInstant(date, time, zone).getTime();
        // A time that happens twice (clocks going back) is the earlier one: never later.
        expect(back, `${zone} ${date} ${time}`).toBeLessThanOrEqual(instant);
        expect(wallClock(back, zone)).toEqual([date, time]);
      }
    });
  }

  it("finds each zone's changes (the check above is not empty)", () => {
    expect(aroundChanges("America/St_Johns").length).toBeGreaterThan(50);
    expect(aroundChanges("Australia/Lord_Howe").length).toBeGreaterThan(50);
    expect(aroundChanges("Asia/Kolkata")).toEqual([]);
  });
});
