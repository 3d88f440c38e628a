import { describe, expect, it } from "vitest";
import {
  addYears,
  formatCalendarDate,
  isBefore,
  parseCalendarDate,
  todayIn,
  zoneDecidesOverdue,
} from "../../src/domain/calendar-date.js";

describe("parseCalendarDate", () => {
  it.each([
    ["2027-06-30", "2027-06-30"],
    ["2028-02-29", "2028-02-29"], // leap year
    ["2000-02-29", "2000-02-29"], // divisible by 400: leap
    ["2027-12-31", "2027-12-31"],
    ["2027-01-01", "2027-01-01"],
  ])("accepts the real date %s", (text, expected) => {
    expect(parseCalendarDate(text)).toBe(expected);
  });

  it.each([
    "2027-02-29", // not a leap year
    "2100-02-29", // divisible by 100, not by 400
    "2027-02-30",
    "2027-04-31",
    "2026-13-01",
    "2026-00-10",
    "2026-12-00",
    "2026-12-32",
    "2027-6-30",
    "27-06-30",
    "2027/06/30",
    "30-06-2027",
    "2027-06-30T00:00:00Z",
    " 2027-06-30x",
    "tomorrow",
    "",
    '{"$gt": ""}',
  ])("refuses %j", (text) => {
    expect(parseCalendarDate(text)).toBeNull();
  });
});

describe("todayIn: today depends on where the person is", () => {
  it("at 2026-11-23T20:00Z it is already the 24th in Kolkata (UTC+5:30)", () => {
    const now = new Date("2026-11-23T20:00:00Z");
    expect(todayIn("Asia/Kolkata", now)).toBe("2026-11-24"); // 01:30 local
    expect(todayIn("UTC", now)).toBe("2026-11-23");
    expect(todayIn("America/New_York", now)).toBe("2026-11-23"); // 15:00 local
  });

  it("the day changes at local midnight, to the minute", () => {
    // Kolkata midnight on the 24th is 18:30Z on the 23rd.
    expect(todayIn("Asia/Kolkata", new Date("2026-11-23T18:29:00Z"))).toBe("2026-11-23");
    expect(todayIn("Asia/Kolkata", new Date("2026-11-23T18:30:00Z"))).toBe("2026-11-24");
  });

  it("west of UTC it is still yesterday", () => {
    const now = new Date("2026-11-24T03:00:00Z");
    expect(todayIn("America/Los_Angeles", now)).toBe("2026-11-23"); // 19:00 local
    expect(todayIn("Pacific/Kiritimati", now)).toBe("2026-11-24"); // UTC+14: 17:00 local
  });
});

describe("addYears, isBefore, formatCalendarDate", () => {
  it("adds whole years, keeping the day when it exists", () => {
    expect(addYears("2026-11-23", 10)).toBe("2036-11-23");
    // 29 February has no twin ten years on: it rolls back to the 28th.
    expect(addYears("2028-02-29", 10)).toBe("2038-02-28");
  });

  it("orders ISO dates", () => {
    expect(isBefore("2026-11-22", "2026-11-23")).toBe(true);
    expect(isBefore("2026-11-23", "2026-11-23")).toBe(false);
    expect(isBefore("2027-01-01", "2026-12-31")).toBe(false);
  });

  it("formats a date for messages", () => {
    expect(formatCalendarDate("2027-06-30")).toBe("Wed 30 Jun 2027");
    expect(formatCalendarDate("2028-02-29")).toBe("Tue 29 Feb 2028");
  });
});

describe("zoneDecidesOverdue", () => {
  const ZONES = ["Pacific/Kiritimati", "Etc/GMT+12", "Asia/Kolkata", "America/Los_Angeles", "UTC"];
  const HOUR = 3600_000;

  it("when it says the zone cannot matter, UTC's today marks overdue what every zone would", () => {
    let decided = 0;
    for (let h = 0; h < 48; h += 1) {
      const now = new Date(Date.parse("2026-11-23T00:00:00Z") + h * HOUR);
      for (let offset = -4; offset <= 4; offset++) {
        const due = todayIn("UTC", new Date(now.getTime() + offset * 24 * HOUR));
        if (zoneDecidesOverdue([due], now)) {
          decided += 1;
          continue;
        }
        for (const zone of ZONES) {
          expect(
            isBefore(due, todayIn(zone, now)),
            `${due} in ${zone} at ${now.toISOString()}`,
          ).toBe(isBefore(due, todayIn("UTC", now)));
        }
      }
    }
    // Dates a day either side of UTC's today are left to the person's zone.
    expect(decided).toBe(48 * 3);
  });

  it("a date within a day of today in UTC needs the zone: Kiritimati and UTC disagree", () => {
    const now = new Date("2026-11-24T03:00:00Z"); // 17:00 on the 24th in Kiritimati
    expect(zoneDecidesOverdue(["2026-11-24", "2027-05-01"], now)).toBe(true);
    expect(zoneDecidesOverdue(["2026-11-20", "2027-05-01"], now)).toBe(false);
    expect(isBefore("2026-11-23", todayIn("UTC", new Date("2026-11-23T11:00:00Z")))).toBe(false);
    expect(
      isBefore("2026-11-23", todayIn("Pacific/Kiritimati", new Date("2026-11-23T11:00:00Z"))),
    ).toBe(true);
    expect(zoneDecidesOverdue(["2026-11-23"], new Date("2026-11-23T11:00:00Z"))).toBe(true);
  });
});
