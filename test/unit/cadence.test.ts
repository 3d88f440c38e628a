// Next-occurrence arithmetic for scheduled check-ins (issue 4): local wall-clock time across
// daylight-saving changes, biweekly parity, first-weekday-of-month, weekends, strictly-after,
// and the working-hours window for reminders.
import dayjs from "dayjs";
import timezone from "dayjs/plugin/timezone.js";
import utc from "dayjs/plugin/utc.js";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  type Cadence,
  DEFAULT_CADENCE,
  type Frequency,
  nextOccurrence,
  parseTime,
  periodMs,
  type Weekday,
  weekdayFromName,
} from "../../src/domain/cadence.js";
import { nextWorkingTime } from "../../src/domain/working-hours.js";
import { describeCadence } from "../../src/slack/messages/cadence.messages.js";

dayjs.extend(utc);
dayjs.extend(timezone);

const HOUR = 3600 * 1000;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;

const NEW_YORK = "America/New_York";
const BERLIN = "Europe/Berlin";
const KOLKATA = "Asia/Kolkata";

function cadence(
  weekday: Weekday,
  time: string,
  frequency: Frequency = "weekly",
  anchorDate: string | null = null,
): Cadence {
  return { frequency, weekday, time, anchorDate };
}

/** Wall clock in `zone`, computed by Intl (independent of dayjs): "Mon 2026-03-09 10:00". */
function wallClock(at: Date, zone: string): string {
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

function localDate(at: Date, zone: string): string {
  return wallClock(at, zone).slice(4, 14);
}

function localTime(at: Date, zone: string): string {
  return wallClock(at, zone).slice(15);
}

function localWeekday(at: Date, zone: string): string {
  return wallClock(at, zone).slice(0, 3);
}

/** UTC offset in minutes, as dayjs.tz sees it (cross-checks Intl). */
function offsetMinutes(at: Date, zone: string): number {
  return dayjs(at).tz(zone).utcOffset();
}

/** `count` consecutive occurrences, each strictly after the previous one. */
function occurrences(c: Cadence, zone: string, start: Date | string, count: number): Date[] {
  const out: Date[] = [];
  let after = new Date(start);
  for (let i = 0; i < count; i++) {
    after = nextOccurrence(c, zone, after);
    out.push(after);
  }
  return out;
}

function gaps(dates: Date[]): number[] {
  return dates.slice(1).map((date, i) => date.getTime() - (dates[i] as Date).getTime());
}

function iso(dates: Date[]): string[] {
  return dates.map((date) => date.toISOString());
}

describe("nextOccurrence: weekly Monday 10:00 across daylight-saving changes", () => {
  const monday10 = cadence(1, "10:00");

  const cases: {
    name: string;
    zone: string;
    start: string;
    /** Weeks before, of, and after the change (the week of = the Monday before the Sunday change). */
    expected: string[];
    /** Index into gaps() of the one week that is not 7×24h, and its length. */
    dstGap: { index: number; ms: number } | null;
  }[] = [
    {
      name: "America/New_York, spring forward (Sun 8 Mar 2026)",
      zone: NEW_YORK,
      start: "2026-02-20T00:00:00Z",
      expected: [
        "2026-02-23T15:00:00.000Z",
        "2026-03-02T15:00:00.000Z",
        "2026-03-09T14:00:00.000Z",
        "2026-03-16T14:00:00.000Z",
      ],
      dstGap: { index: 1, ms: WEEK - HOUR },
    },
    {
      name: "America/New_York, fall back (Sun 1 Nov 2026)",
      zone: NEW_YORK,
      start: "2026-10-16T00:00:00Z",
      expected: [
        "2026-10-19T14:00:00.000Z",
        "2026-10-26T14:00:00.000Z",
        "2026-11-02T15:00:00.000Z",
        "2026-11-09T15:00:00.000Z",
      ],
      dstGap: { index: 1, ms: WEEK + HOUR },
    },
    {
      name: "Europe/Berlin, spring forward (Sun 29 Mar 2026)",
      zone: BERLIN,
      start: "2026-03-13T00:00:00Z",
      expected: [
        "2026-03-16T09:00:00.000Z",
        "2026-03-23T09:00:00.000Z",
        "2026-03-30T08:00:00.000Z",
        "2026-04-06T08:00:00.000Z",
      ],
      dstGap: { index: 1, ms: WEEK - HOUR },
    },
    {
      name: "Europe/Berlin, fall back (Sun 25 Oct 2026)",
      zone: BERLIN,
      start: "2026-10-09T00:00:00Z",
      expected: [
        "2026-10-12T08:00:00.000Z",
        "2026-10-19T08:00:00.000Z",
        "2026-10-26T09:00:00.000Z",
        "2026-11-02T09:00:00.000Z",
      ],
      dstGap: { index: 1, ms: WEEK + HOUR },
    },
    {
      name: "Asia/Kolkata (+05:30, no DST) over the New York spring change",
      zone: KOLKATA,
      start: "2026-02-20T00:00:00Z",
      expected: [
        "2026-02-23T04:30:00.000Z",
        "2026-03-02T04:30:00.000Z",
        "2026-03-09T04:30:00.000Z",
        "2026-03-16T04:30:00.000Z",
      ],
      dstGap: null,
    },
    {
      name: "Asia/Kolkata (+05:30, no DST) over the Berlin and New York fall changes",
      zone: KOLKATA,
      start: "2026-10-16T00:00:00Z",
      expected: [
        "2026-10-19T04:30:00.000Z",
        "2026-10-26T04:30:00.000Z",
        "2026-11-02T04:30:00.000Z",
        "2026-11-09T04:30:00.000Z",
      ],
      dstGap: null,
    },
  ];

  for (const { name, zone, start, expected, dstGap } of cases) {
    it(`${name}: stays at 10:00 local, shifts the UTC instant by exactly 1h, no skipped or doubled week`, () => {
      const dates = occurrences(monday10, zone, start, expected.length);

      expect(iso(dates)).toEqual(expected);
      for (const date of dates) {
        expect(localWeekday(date, zone)).toBe("Mon");
        expect(localTime(date, zone)).toBe("10:00");
        expect(dayjs(date).tz(zone).format("ddd HH:mm")).toBe("Mon 10:00");
      }
      // One Monday after the other: no week skipped, none doubled.
      const days = dates.map((date) => dayjs.utc(localDate(date, zone)));
      for (let i = 1; i < days.length; i++) {
        expect(days[i]?.diff(days[i - 1], "day")).toBe(7);
      }
      const weekGaps = gaps(dates);
      for (const [i, gap] of weekGaps.entries()) {
        expect(gap).toBe(dstGap && i === dstGap.index ? dstGap.ms : WEEK);
      }
      const first = dates[0] as Date;
      const last = dates[dates.length - 1] as Date;
      const shiftMinutes = offsetMinutes(last, zone) - offsetMinutes(first, zone);
      expect(Math.abs(shiftMinutes)).toBe(dstGap ? 60 : 0);
      if (zone === KOLKATA) expect(offsetMinutes(first, zone)).toBe(330);
    });
  }

  it("defaults to Monday 10:00", () => {
    expect(DEFAULT_CADENCE).toEqual(monday10);
  });
});

describe("nextOccurrence: ambiguous and nonexistent local times", () => {
  it("Sunday 01:30 in the New York fall-back week (01:30 happens twice) occurs once", () => {
    const dates = occurrences(cadence(7, "01:30"), NEW_YORK, "2026-10-20T00:00:00Z", 4);

    expect(dates.map((date) => localDate(date, NEW_YORK))).toEqual([
      "2026-10-25",
      "2026-11-01",
      "2026-11-08",
      "2026-11-15",
    ]);
    for (const date of dates) expect(localTime(date, NEW_YORK)).toBe("01:30");
    // Either of the two 01:30s is acceptable; both are not.
    const fallBackDay = dates.filter((date) => localDate(date, NEW_YORK) === "2026-11-01");
    expect(fallBackDay).toHaveLength(1);
    expect(["2026-11-01T05:30:00.000Z", "2026-11-01T06:30:00.000Z"]).toContain(
      fallBackDay[0]?.toISOString(),
    );
    // Exactly one week is an hour longer, the others are 7×24h.
    expect(gaps(dates).sort((a, b) => a - b)).toEqual([WEEK, WEEK, WEEK + HOUR]);
  });

  it("Sunday 02:30 in the New York spring-forward week (02:30 does not exist) occurs once, at 03:30", () => {
    const dates = occurrences(cadence(7, "02:30"), NEW_YORK, "2026-02-25T00:00:00Z", 4);

    expect(dates.map((date) => localDate(date, NEW_YORK))).toEqual([
      "2026-03-01",
      "2026-03-08",
      "2026-03-15",
      "2026-03-22",
    ]);
    expect(dates.map((date) => localTime(date, NEW_YORK))).toEqual([
      "02:30",
      "03:30",
      "02:30",
      "02:30",
    ]);
    expect(iso(dates)).toEqual([
      "2026-03-01T07:30:00.000Z",
      "2026-03-08T07:30:00.000Z",
      "2026-03-15T06:30:00.000Z",
      "2026-03-22T06:30:00.000Z",
    ]);
    // Shifted forward by the gap: the hour is lost in the week after it.
    expect(gaps(dates)).toEqual([WEEK, WEEK - HOUR, WEEK]);
  });

  it("Sunday 02:30 in the Berlin spring-forward week occurs once, at 03:30 CEST", () => {
    const dates = occurrences(cadence(7, "02:30"), BERLIN, "2026-03-20T00:00:00Z", 3);

    expect(dates.map((date) => wallClock(date, BERLIN))).toEqual([
      "Sun 2026-03-22 02:30",
      "Sun 2026-03-29 03:30",
      "Sun 2026-04-05 02:30",
    ]);
  });

  it("Sunday 02:30 in the Berlin fall-back week (02:30 happens twice) occurs once", () => {
    const dates = occurrences(cadence(7, "02:30"), BERLIN, "2026-10-16T00:00:00Z", 3);

    expect(dates.map((date) => wallClock(date, BERLIN))).toEqual([
      "Sun 2026-10-18 02:30",
      "Sun 2026-10-25 02:30",
      "Sun 2026-11-01 02:30",
    ]);
    expect(gaps(dates).sort((a, b) => a - b)).toEqual([WEEK, WEEK + HOUR]);
  });

  describe("when the system clock (not `after`) is in another season", () => {
    afterEach(() => {
      vi.useRealTimers();
    });

    // Regression: dayjs's timezone plugin seeds its offset guess with the zone's offset at
    // Date.now(), so an ambiguous wall time used to resolve to the first 01:30 (EDT) in summer
    // and to the second (EST) in winter. localToInstant (src/domain/zoned-time.ts) makes
    // nextOccurrence a pure function of (cadence, zone, after).
    it("resolves an ambiguous local time the same way whatever the system date", () => {
      const sunday0130 = cadence(7, "01:30");
      const after = new Date("2026-10-31T12:00:00Z");
      vi.useFakeTimers({ toFake: ["Date"] });
      vi.setSystemTime(new Date("2026-07-01T12:00:00Z"));
      const inSummer = nextOccurrence(sunday0130, NEW_YORK, after);
      vi.setSystemTime(new Date("2026-12-01T12:00:00Z"));
      const inWinter = nextOccurrence(sunday0130, NEW_YORK, after);

      expect(inSummer.toISOString()).toBe(inWinter.toISOString());
    });

    // Regression, the consequence for the scheduler (CheckinScheduler.handleDue computes
    // next = nextOccurrence(cadence, zone, now) with the real clock ≈ now): a Sunday 01:30
    // New York slot planned a week earlier (system clock in EDT) is 05:30Z. If the sweep that
    // sends it runs late, after the clocks went back (06:00Z–06:30Z, e.g. after a restart),
    // the system clock is in EST, the second 01:30 (06:30Z) is "strictly after now", and the
    // pair gets a second check-in the same night. Expected next: Sun 8 Nov.
    it("does not plan the second 01:30 after the first one was the slot (fall-back double)", () => {
      const sunday0130 = cadence(7, "01:30");
      vi.useFakeTimers({ toFake: ["Date"] });
      // Planned at the previous slot, in summer time.
      const plannedAt = new Date("2026-10-25T05:30:00Z");
      vi.setSystemTime(plannedAt);
      const slot = nextOccurrence(sunday0130, NEW_YORK, plannedAt);
      expect(slot.toISOString()).toBe("2026-11-01T05:30:00.000Z");
      // The sweep for that slot runs 40 minutes late, after the clocks went back.
      const lateSweep = new Date("2026-11-01T06:10:00Z");
      vi.setSystemTime(lateSweep);
      const next = nextOccurrence(sunday0130, NEW_YORK, lateSweep);

      expect(localDate(next, NEW_YORK)).toBe("2026-11-08");
    });
  });
});

describe("nextOccurrence: biweekly with an anchor", () => {
  it("keeps every-14-days parity across the spring change", () => {
    const c = cadence(1, "10:00", "biweekly", "2026-02-23");
    const dates = occurrences(c, NEW_YORK, "2026-02-20T00:00:00Z", 4);

    expect(dates.map((date) => wallClock(date, NEW_YORK))).toEqual([
      "Mon 2026-02-23 10:00",
      "Mon 2026-03-09 10:00",
      "Mon 2026-03-23 10:00",
      "Mon 2026-04-06 10:00",
    ]);
    expect(gaps(dates)).toEqual([2 * WEEK - HOUR, 2 * WEEK, 2 * WEEK]);
  });

  it("keeps parity across the fall change, in Berlin", () => {
    const c = cadence(1, "10:00", "biweekly", "2026-10-12");
    const dates = occurrences(c, BERLIN, "2026-10-01T00:00:00Z", 4);

    expect(dates.map((date) => wallClock(date, BERLIN))).toEqual([
      "Mon 2026-10-12 10:00",
      "Mon 2026-10-26 10:00",
      "Mon 2026-11-09 10:00",
      "Mon 2026-11-23 10:00",
    ]);
    expect(gaps(dates)).toEqual([2 * WEEK + HOUR, 2 * WEEK, 2 * WEEK]);
  });

  it("stays on the anchor's parity for a whole year, whichever side of the anchor", () => {
    const anchor = "2026-06-15"; // a Monday in the middle of the run
    const c = cadence(1, "10:00", "biweekly", anchor);
    for (const zone of [NEW_YORK, BERLIN, KOLKATA]) {
      const dates = occurrences(c, zone, "2026-01-01T00:00:00Z", 26);
      for (const date of dates) {
        const days = dayjs.utc(localDate(date, zone)).diff(dayjs.utc(anchor), "day");
        expect(Math.abs(days) % 14).toBe(0);
        expect(localTime(date, zone)).toBe("10:00");
      }
      expect(dates.map((date) => localDate(date, zone))).toContain(anchor);
    }
  });

  it("skips the off week: after the anchor slot comes the slot two weeks on", () => {
    const c = cadence(3, "16:00", "biweekly", "2026-11-04");
    const slot = nextOccurrence(c, KOLKATA, new Date("2026-11-01T00:00:00Z"));
    expect(wallClock(slot, KOLKATA)).toBe("Wed 2026-11-04 16:00");
    expect(wallClock(nextOccurrence(c, KOLKATA, slot), KOLKATA)).toBe("Wed 2026-11-18 16:00");
  });
});

describe("nextOccurrence: biweekly anchored past a daylight-saving gap", () => {
  it("Saturday 23:30 in Nuuk's spring-forward night: the anchor read back is Sunday, and every other Saturday follows", () => {
    const nuuk = "America/Nuuk";
    // 23:30 does not exist that Saturday: the slot moved to Sunday 00:30, and its local date,
    // the anchor, is a Sunday. Every sweep used to throw on the pair, for every pair.
    const c = cadence(6, "23:30", "biweekly", "2026-03-29");
    const dates = occurrences(c, nuuk, "2026-03-29T03:00:00Z", 3);
    expect(dates.map((date) => wallClock(date, nuuk))).toEqual([
      "Sat 2026-04-11 23:30",
      "Sat 2026-04-25 23:30",
      "Sat 2026-05-09 23:30",
    ]);
  });
});

describe("nextOccurrence: monthly (first weekday of the month)", () => {
  const firstTuesday = cadence(2, "10:00", "monthly");

  it("is the first Tuesday of every month of 2026, at 10:00 local across both DST changes", () => {
    const dates = occurrences(firstTuesday, NEW_YORK, "2025-12-31T12:00:00Z", 12);

    expect(dates.map((date) => wallClock(date, NEW_YORK))).toEqual([
      "Tue 2026-01-06 10:00",
      "Tue 2026-02-03 10:00",
      "Tue 2026-03-03 10:00",
      "Tue 2026-04-07 10:00", // April starts on a Wednesday
      "Tue 2026-05-05 10:00",
      "Tue 2026-06-02 10:00",
      "Tue 2026-07-07 10:00", // July starts on a Wednesday
      "Tue 2026-08-04 10:00",
      "Tue 2026-09-01 10:00", // September starts on a Tuesday
      "Tue 2026-10-06 10:00",
      "Tue 2026-11-03 10:00",
      "Tue 2026-12-01 10:00", // December starts on a Tuesday
    ]);
  });

  it("takes the 1st when the month starts on a Tuesday, the 7th when it starts on a Wednesday", () => {
    expect(
      wallClock(nextOccurrence(firstTuesday, BERLIN, new Date("2026-08-15T00:00:00Z")), BERLIN),
    ).toBe("Tue 2026-09-01 10:00");
    expect(
      wallClock(nextOccurrence(firstTuesday, BERLIN, new Date("2026-03-15T00:00:00Z")), BERLIN),
    ).toBe("Tue 2026-04-07 10:00");
    // The second Tuesday of a month that starts on a Tuesday is not a slot.
    expect(
      wallClock(nextOccurrence(firstTuesday, BERLIN, new Date("2026-09-02T00:00:00Z")), BERLIN),
    ).toBe("Tue 2026-10-06 10:00");
  });

  it("counts the local date, not the UTC date, in a half-hour zone", () => {
    // Tue 1 Sep 2026 01:00 in Kolkata is Mon 31 Aug 19:30 UTC.
    const early = cadence(2, "01:00", "monthly");
    const slot = nextOccurrence(early, KOLKATA, new Date("2026-08-31T12:00:00Z"));
    expect(slot.toISOString()).toBe("2026-08-31T19:30:00.000Z");
    expect(wallClock(slot, KOLKATA)).toBe("Tue 2026-09-01 01:00");
  });
});

describe("nextOccurrence: weekends", () => {
  it("a weekday cadence never yields a Saturday or Sunday, in local time", () => {
    const names = ["Mon", "Tue", "Wed", "Thu", "Fri"];
    for (const zone of [NEW_YORK, BERLIN, KOLKATA]) {
      for (const weekday of [1, 2, 3, 4, 5] as const) {
        // Times near midnight, where the UTC date is a different day.
        for (const time of ["00:30", "10:00", "23:30"]) {
          const dates = occurrences(cadence(weekday, time), zone, "2026-01-01T00:00:00Z", 53);
          for (const date of dates) {
            expect(localWeekday(date, zone)).toBe(names[weekday - 1]);
            expect(localTime(date, zone)).toBe(time);
          }
        }
      }
    }
  });

  it("a Saturday or Sunday cadence does land on the weekend", () => {
    const saturday = weekdayFromName("sat");
    expect(saturday).toBe(6);
    const sat = occurrences(cadence(6, "11:00"), KOLKATA, "2026-03-01T00:00:00Z", 5);
    expect(sat.map((date) => localWeekday(date, KOLKATA))).toEqual(Array(5).fill("Sat"));
    const sun = occurrences(cadence(7, "18:00"), BERLIN, "2026-03-01T00:00:00Z", 5);
    expect(sun.map((date) => localWeekday(date, BERLIN))).toEqual(Array(5).fill("Sun"));
  });
});

describe("nextOccurrence: strictly after", () => {
  it("returns the following slot when `after` is exactly a slot, this one a millisecond before", () => {
    for (const [c, zone, slotIso, nextIso] of [
      [cadence(1, "10:00"), NEW_YORK, "2026-03-02T15:00:00.000Z", "2026-03-09T14:00:00.000Z"],
      [
        cadence(1, "10:00", "biweekly", "2026-03-02"),
        BERLIN,
        "2026-03-02T09:00:00.000Z",
        "2026-03-16T09:00:00.000Z",
      ],
      [
        cadence(2, "10:00", "monthly"),
        KOLKATA,
        "2026-09-01T04:30:00.000Z",
        "2026-10-06T04:30:00.000Z",
      ],
    ] as const) {
      const slot = new Date(slotIso);
      expect(nextOccurrence(c, zone, slot).toISOString()).toBe(nextIso);
      expect(nextOccurrence(c, zone, new Date(slot.getTime() - 1)).toISOString()).toBe(slotIso);
      expect(nextOccurrence(c, zone, new Date(slot.getTime() + 1)).toISOString()).toBe(nextIso);
    }
  });

  it("later the same local day, before the slot, returns that day's slot", () => {
    // Monday 09:59 in New York.
    const slot = nextOccurrence(cadence(1, "10:00"), NEW_YORK, new Date("2026-11-30T14:59:00Z"));
    expect(slot.toISOString()).toBe("2026-11-30T15:00:00.000Z");
  });
});

describe("periodMs", () => {
  it("is one week, two weeks and four weeks", () => {
    expect(periodMs(cadence(1, "10:00", "weekly"))).toBe(7 * DAY);
    expect(periodMs(cadence(1, "10:00", "biweekly", "2026-03-02"))).toBe(14 * DAY);
    expect(periodMs(cadence(2, "10:00", "monthly"))).toBe(28 * DAY);
    expect(periodMs(DEFAULT_CADENCE)).toBe(604_800_000);
  });
});

describe("parseTime", () => {
  it("normalises H:MM and HH:MM", () => {
    expect(parseTime("9:30")).toBe("09:30");
    expect(parseTime("09:30")).toBe("09:30");
    expect(parseTime("0:00")).toBe("00:00");
    expect(parseTime("23:59")).toBe("23:59");
    expect(parseTime("18:05")).toBe("18:05");
  });

  it("refuses what is not a time of day", () => {
    for (const text of [
      "24:00",
      "12:60",
      "noon",
      "",
      "9",
      "930",
      "9:3",
      "09:30:00",
      " 9:30",
      "9:30pm",
      "-1:00",
    ]) {
      expect(parseTime(text), text).toBeNull();
    }
  });
});

describe("weekdayFromName", () => {
  it("maps names and abbreviations, in any case, to ISO weekdays", () => {
    expect(weekdayFromName("mon")).toBe(1);
    expect(weekdayFromName("Tue")).toBe(2);
    expect(weekdayFromName("tues")).toBe(2);
    expect(weekdayFromName("wednesday")).toBe(3);
    expect(weekdayFromName("THU")).toBe(4);
    expect(weekdayFromName("Friday")).toBe(5);
    expect(weekdayFromName("sat")).toBe(6);
    expect(weekdayFromName("sun")).toBe(7);
  });

  it("is null for anything else", () => {
    for (const text of ["", "mo", "xyz", "10:00", "weekly", "monkey", "sunday!"]) {
      expect(weekdayFromName(text), text).toBeNull();
    }
  });
});

describe("describeCadence", () => {
  it("describes each frequency", () => {
    expect(describeCadence(DEFAULT_CADENCE)).toBe("every Monday at 10:00");
    expect(describeCadence(cadence(5, "09:30", "biweekly", "2026-03-06"))).toBe(
      "every other Friday at 09:30",
    );
    expect(describeCadence(cadence(2, "10:00", "monthly"))).toBe(
      "the first Tuesday of each month at 10:00",
    );
  });
});

describe("nextWorkingTime (reminders: Mon–Fri 09:00–18:00 local)", () => {
  /** An instant from a local wall-clock time. */
  const at = (local: string, zone: string) => dayjs.tz(local, zone).toDate();

  for (const zone of [NEW_YORK, KOLKATA, BERLIN]) {
    describe(zone, () => {
      it("Friday 19:00 → Monday 09:00", () => {
        const result = nextWorkingTime(at("2026-11-20 19:00", zone), zone);
        expect(wallClock(result, zone)).toBe("Mon 2026-11-23 09:00");
      });

      it("Saturday (any time) → Monday 09:00", () => {
        for (const time of ["00:00", "10:00", "23:59"]) {
          const result = nextWorkingTime(at(`2026-11-21 ${time}`, zone), zone);
          expect(wallClock(result, zone)).toBe("Mon 2026-11-23 09:00");
        }
      });

      it("Sunday → Monday 09:00", () => {
        const result = nextWorkingTime(at("2026-11-22 15:00", zone), zone);
        expect(wallClock(result, zone)).toBe("Mon 2026-11-23 09:00");
      });

      it("Tuesday 07:00 → Tuesday 09:00", () => {
        const result = nextWorkingTime(at("2026-11-24 07:00", zone), zone);
        expect(wallClock(result, zone)).toBe("Tue 2026-11-24 09:00");
      });

      it("Wednesday 12:00 → unchanged, to the millisecond", () => {
        const input = new Date(at("2026-11-25 12:00", zone).getTime() + 34_567);
        expect(nextWorkingTime(input, zone).getTime()).toBe(input.getTime());
      });

      it("the edges: 09:00 and 17:59 are inside, 18:00 is not", () => {
        const nine = at("2026-11-25 09:00", zone);
        expect(nextWorkingTime(nine, zone).getTime()).toBe(nine.getTime());
        const late = at("2026-11-25 17:59", zone);
        expect(nextWorkingTime(late, zone).getTime()).toBe(late.getTime());
        expect(wallClock(nextWorkingTime(at("2026-11-25 18:00", zone), zone), zone)).toBe(
          "Thu 2026-11-26 09:00",
        );
      });
    });
  }

  it("over the New York spring-forward weekend: Friday evening → Monday 09:00 EDT", () => {
    const result = nextWorkingTime(at("2026-03-06 19:00", NEW_YORK), NEW_YORK);
    expect(wallClock(result, NEW_YORK)).toBe("Mon 2026-03-09 09:00");
    expect(result.toISOString()).toBe("2026-03-09T13:00:00.000Z");
  });

  it("over the New York fall-back weekend: Saturday → Monday 09:00 EST", () => {
    const result = nextWorkingTime(at("2026-10-31 12:00", NEW_YORK), NEW_YORK);
    expect(wallClock(result, NEW_YORK)).toBe("Mon 2026-11-02 09:00");
    expect(result.toISOString()).toBe("2026-11-02T14:00:00.000Z");
  });

  it("over the Berlin spring-forward weekend: Friday evening → Monday 09:00 CEST", () => {
    const result = nextWorkingTime(at("2026-03-27 19:00", BERLIN), BERLIN);
    expect(result.toISOString()).toBe("2026-03-30T07:00:00.000Z");
  });

  it("in Kolkata, Friday 19:00 IST → Monday 09:00 IST (03:30 UTC), DST weekend elsewhere or not", () => {
    const result = nextWorkingTime(at("2026-03-06 19:00", KOLKATA), KOLKATA);
    expect(result.toISOString()).toBe("2026-03-09T03:30:00.000Z");
  });
});
