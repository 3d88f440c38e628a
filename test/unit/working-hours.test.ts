// Working hours per person (issue 16): parsing, the next working moment in someone's own zone,
// and the overlap of two people's hours, across zones and daylight-saving changes.
import { describe, expect, it } from "vitest";
import {
  DEFAULT_WORKING_HOURS,
  isWorkingTime,
  nextSharedTime,
  nextWorkingTime,
  parseWorkdays,
  parseWorkingHours,
  timesForBoth,
  type WorkCalendar,
  type WorkingHours,
} from "../../src/domain/working-hours.js";

const NEW_YORK = "America/New_York";
const KOLKATA = "Asia/Kolkata";
const BERLIN = "Europe/Berlin";
const SYDNEY = "Australia/Sydney";

/** Wall clock in `zone`, read by Intl: "Mon 2026-03-09 10:00". */
function wallClock(at: Date | null, zone: string): string {
  if (!at) return "none";
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-US", {
      timeZone: zone,
      hourCycle: "h23",
      weekday: "short",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
    })
      .formatToParts(at)
      .map((part) => [part.type, part.value]),
  );
  return `${parts.weekday} ${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}

function hours(range: string, days = "mon-fri"): WorkingHours {
  const parsed = parseWorkingHours(range, parseWorkdays(days) ?? []);
  if ("problem" in parsed) throw new Error(parsed.problem);
  return parsed;
}

function calendar(zone: string, h: WorkingHours = DEFAULT_WORKING_HOURS, off: string[] = []) {
  return { zone, hours: h, isDayOff: (date: string) => off.includes(date) } as WorkCalendar;
}

describe("parsing working hours", () => {
  it("reads a range and a set of days", () => {
    expect(parseWorkingHours("08:30-17:00", parseWorkdays("mon-thu") ?? [])).toEqual({
      start: "08:30",
      end: "17:00",
      days: [1, 2, 3, 4],
    });
    expect(parseWorkingHours("9-17:30")).toEqual({
      start: "09:00",
      end: "17:30",
      days: [1, 2, 3, 4, 5],
    });
  });

  it("reads lists of days, and ranges that wrap round the weekend", () => {
    expect(parseWorkdays("mon,wed,fri")).toEqual([1, 3, 5]);
    expect(parseWorkdays("fri-mon")).toEqual([1, 5, 6, 7]);
    expect(parseWorkdays("Tuesday-thu")).toEqual([2, 3, 4]);
    expect(parseWorkdays("none")).toEqual([]);
    expect(parseWorkdays("mon-funday")).toBeNull();
  });

  it("refuses hours that end before they start, an empty set of days, and nonsense", () => {
    expect(parseWorkingHours("17:00-08:30")).toEqual({ problem: "hours_end_before_start" });
    expect(parseWorkingHours("09:00-09:00")).toEqual({ problem: "hours_end_before_start" });
    expect(parseWorkingHours("09:00-17:00", [])).toEqual({ problem: "hours_no_days" });
    expect(parseWorkingHours("morning")).toEqual({ problem: "hours_not_a_range" });
    expect(parseWorkingHours("25:00-26:00")).toEqual({ problem: "hours_not_a_range" });
  });
});

describe("the next working moment, in the person's own zone", () => {
  const berlin = calendar(BERLIN, hours("08:30-17:00", "mon-thu"));

  it("keeps a moment inside the hours, and moves one outside to the next opening", () => {
    // Tue 24 Nov 2026, 10:00 Berlin: inside.
    const inside = new Date("2026-11-24T09:00:00Z");
    expect(isWorkingTime(berlin, inside)).toBe(true);
    expect(nextWorkingTime(inside, BERLIN, berlin.hours)).toEqual(inside);
    // Fri 27 Nov is not a working day for a Monday-to-Thursday week: Monday 08:30.
    const friday = new Date("2026-11-27T09:00:00Z");
    expect(isWorkingTime(berlin, friday)).toBe(false);
    expect(wallClock(nextWorkingTime(friday, BERLIN, berlin.hours), BERLIN)).toBe(
      "Mon 2026-11-30 08:30",
    );
    // After hours on Tuesday: Wednesday morning.
    expect(
      wallClock(nextWorkingTime(new Date("2026-11-24T16:30:00Z"), BERLIN, berlin.hours), BERLIN),
    ).toBe("Wed 2026-11-25 08:30");
  });

  it("keeps the local opening time across a daylight-saving change", () => {
    // Berlin moves to summer time on Sun 29 Mar 2026: 08:30 is 07:30Z before, 06:30Z after.
    const before = nextWorkingTime(new Date("2026-03-27T20:00:00Z"), BERLIN, berlin.hours);
    expect(before.toISOString()).toBe("2026-03-30T06:30:00.000Z");
    expect(wallClock(before, BERLIN)).toBe("Mon 2026-03-30 08:30");
    const earlier = nextWorkingTime(new Date("2026-03-20T20:00:00Z"), BERLIN, berlin.hours);
    expect(earlier.toISOString()).toBe("2026-03-23T07:30:00.000Z");
  });

  it("skips days off (holidays, time off)", () => {
    const off = calendar(KOLKATA, DEFAULT_WORKING_HOURS, ["2026-11-24", "2026-11-25"]);
    // Mon 23 Nov 20:30 in Kolkata: Tuesday and Wednesday are off, so Thursday 09:00.
    expect(
      wallClock(
        nextWorkingTime(new Date("2026-11-23T15:00:00Z"), KOLKATA, off.hours, off.isDayOff),
        KOLKATA,
      ),
    ).toBe("Thu 2026-11-26 09:00");
  });

  it("is the same instant for New York and Kolkata only when their hours say so", () => {
    // Mon 23 Nov 2026 15:00Z is 10:00 in New York (working) and 20:30 in Kolkata (not).
    const at = new Date("2026-11-23T15:00:00Z");
    expect(nextWorkingTime(at, NEW_YORK)).toEqual(at);
    expect(wallClock(nextWorkingTime(at, KOLKATA), KOLKATA)).toBe("Tue 2026-11-24 09:00");
  });
});

describe("the overlap of two people's hours", () => {
  it("New York and Kolkata on default hours never meet: each gets the start of their own day", () => {
    const ny = calendar(NEW_YORK);
    const kol = calendar(KOLKATA);
    const after = new Date("2026-11-23T15:00:00Z");
    expect(nextSharedTime(ny, kol, after)).toBeNull();
    const times = timesForBoth(ny, kol, after);
    expect(times.shared).toBe(false);
    if (times.shared) return;
    expect(wallClock(times.a, NEW_YORK)).toBe("Tue 2026-11-24 09:00");
    expect(wallClock(times.b, KOLKATA)).toBe("Tue 2026-11-24 09:00");
  });

  it("New York early and Kolkata late meet, and the meeting moves with New York's clock change", () => {
    const ny = calendar(NEW_YORK, hours("08:00-17:00"));
    const kol = calendar(KOLKATA, hours("12:00-21:00"));
    // Before 8 Mar 2026 New York is UTC-5: 08:00 there is 13:00Z = 18:30 in Kolkata.
    const winter = nextSharedTime(ny, kol, new Date("2026-03-02T00:00:00Z"), 60);
    expect(winter?.toISOString()).toBe("2026-03-02T13:00:00.000Z");
    expect(wallClock(winter, KOLKATA)).toBe("Mon 2026-03-02 18:30");
    // After it New York is UTC-4: 08:00 there is 12:00Z = 17:30 in Kolkata.
    const summer = nextSharedTime(ny, kol, new Date("2026-03-09T00:00:00Z"), 60);
    expect(summer?.toISOString()).toBe("2026-03-09T12:00:00.000Z");
    expect(wallClock(summer, NEW_YORK)).toBe("Mon 2026-03-09 08:00");
    // Two and a half hours of overlap in winter, three and a half in summer: never four.
    expect(timesForBoth(ny, kol, new Date("2026-03-02T14:00:00Z"), 240).shared).toBe(false);
  });

  it("Berlin and Sydney meet at a different UTC hour in each week of their opposite clock changes", () => {
    const berlin = calendar(BERLIN, hours("08:00-10:00"));
    const sydney = calendar(SYDNEY, hours("16:00-20:00"));
    const week = (monday: string) =>
      nextSharedTime(berlin, sydney, new Date(`${monday}T00:00:00Z`), 60);
    // Berlin UTC+1, Sydney UTC+11.
    expect(week("2026-03-23")?.toISOString()).toBe("2026-03-23T07:00:00.000Z");
    expect(wallClock(week("2026-03-23"), SYDNEY)).toBe("Mon 2026-03-23 18:00");
    // Berlin on summer time (UTC+2), Sydney still on its summer time (UTC+11).
    expect(week("2026-03-30")?.toISOString()).toBe("2026-03-30T06:00:00.000Z");
    expect(wallClock(week("2026-03-30"), SYDNEY)).toBe("Mon 2026-03-30 17:00");
    // Sydney back on standard time (UTC+10) from 5 Apr.
    expect(week("2026-04-06")?.toISOString()).toBe("2026-04-06T06:00:00.000Z");
    expect(wallClock(week("2026-04-06"), SYDNEY)).toBe("Mon 2026-04-06 16:00");
    for (const monday of ["2026-03-23", "2026-03-30", "2026-04-06"]) {
      expect(wallClock(week(monday), BERLIN)).toBe(`Mon ${monday} 08:00`);
    }
  });

  it("a holiday of one person moves the shared moment to the next day they both work", () => {
    const ny = calendar(NEW_YORK, hours("08:00-17:00"), ["2026-11-26"]);
    const kol = calendar(KOLKATA, hours("12:00-21:00"));
    // Thu 26 Nov is Thanksgiving in New York: the overlap is Friday's.
    const shared = nextSharedTime(ny, kol, new Date("2026-11-26T00:00:00Z"), 60);
    expect(wallClock(shared, NEW_YORK)).toBe("Fri 2026-11-27 08:00");
  });
});
