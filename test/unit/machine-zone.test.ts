// Times are read and shown in each person's zone, whatever the machine's own zone is: the image
// runs in UTC, but nothing pins it, and dayjs's own zone reading follows the machine's clock
// changes (an hour off near them, and a time in the machine's own gap refused).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolveFeedbackTime } from "../../src/domain/feedback-time.js";
import { localTime, localToInstant } from "../../src/domain/zoned-time.js";
import { inReaderZone } from "../../src/slack/messages/checkin-schedule.messages.js";

const machineZone = process.env.TZ;

beforeAll(() => {
  // Node reads TZ again when it is set: the machine now changes its clocks like New York.
  process.env.TZ = "America/New_York";
});
afterAll(() => {
  if (machineZone === undefined) delete process.env.TZ;
  else process.env.TZ = machineZone;
});

describe("with the machine in New York", () => {
  it("reads 02:30 on New York's spring-forward day as a Londoner's 02:30", () => {
    expect(new Date(2026, 2, 8, 2, 30).getHours()).toBe(3); // the machine's own gap, in effect
    const now = new Date("2026-03-01T12:00:00Z");
    const at = resolveFeedbackTime(
      { kind: "at", date: "2026-03-08", time: "02:30" },
      "Europe/London",
      now,
    );
    expect(at.toISOString()).toBe("2026-03-08T02:30:00.000Z");
    // An hour written without its leading zero, as cadences and hours take it.
    expect(
      resolveFeedbackTime({ kind: "at", date: "2026-03-10", time: "9:00" }, "Europe/London", now),
    ).toEqual(new Date("2026-03-10T09:00:00Z"));
  });

  it("shows every hour of Sydney's year at its own wall clock", () => {
    for (let hour = 0; hour < 365 * 24; hour += 1) {
      const at = new Date(Date.UTC(2026, 0, 1) + hour * 3_600_000);
      const shown = inReaderZone(at, "Australia/Sydney");
      const expected = new Intl.DateTimeFormat("en-GB", {
        timeZone: "Australia/Sydney",
        hour: "2-digit",
        minute: "2-digit",
        hourCycle: "h23",
      }).format(at);
      expect(shown, at.toISOString()).toContain(`, ${expected}, Australia/Sydney)`);
      expect(localTime(at, "Australia/Sydney")).toBe(expected);
    }
  });

  it("tomorrow at 09:00 is the person's tomorrow", () => {
    const now = new Date("2026-11-01T05:30:00Z"); // 01:30 in New York, 16:30 in Sydney
    expect(resolveFeedbackTime({ kind: "tomorrow" }, "Australia/Sydney", now)).toEqual(
      localToInstant("2026-11-02", "09:00", "Australia/Sydney"),
    );
  });
});
