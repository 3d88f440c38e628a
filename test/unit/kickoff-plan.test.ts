// Issue 16, the kickoff's arithmetic: the default slot inside both people's hours (a day after
// pairing), each person's start of day when their hours never meet, reminders inside working
// hours, and whether a chosen time fits someone's hours, across zones and daylight saving.
import { describe, expect, it } from "vitest";
import {
  defaultKickoffPlan,
  fitsHours,
  freeSharedSlot,
  nextDue,
  planAt,
  reminderTime,
} from "../../src/domain/kickoff.js";
import {
  DEFAULT_WORKING_HOURS,
  parseWorkdays,
  parseWorkingHours,
  type WorkCalendar,
  type WorkingHours,
} from "../../src/domain/working-hours.js";

function hours(range: string, days = "mon-fri"): WorkingHours {
  const parsed = parseWorkingHours(range, parseWorkdays(days) ?? []);
  if ("problem" in parsed) throw new Error(parsed.problem);
  return parsed;
}

const calendar = (zone: string, h: WorkingHours = DEFAULT_WORKING_HOURS, off: string[] = []) =>
  ({ zone, hours: h, isDayOff: (date: string) => off.includes(date) }) as WorkCalendar;
const utc = (iso: string) => new Date(iso);

describe("the default kickoff", () => {
  it("is the first shared half hour a day or more after pairing (New York with Kolkata)", () => {
    const mentor = calendar("America/New_York");
    const mentee = calendar("Asia/Kolkata", hours("10:00-23:00"));
    // Paired Mon 23 Nov 2026 15:00Z; Tuesday's overlap runs 14:00Z-17:30Z.
    const plan = defaultKickoffPlan(mentor, mentee, utc("2026-11-23T15:00:00Z"));
    // Both are working when they are paired: invited at once.
    expect(plan.mentorInviteAt).toEqual(utc("2026-11-23T15:00:00Z"));
    expect(plan.menteeInviteAt).toEqual(utc("2026-11-23T15:00:00Z"));
    expect(plan.at).toEqual(utc("2026-11-24T15:00:00Z"));
    expect(plan.mentorStartsAt).toEqual(plan.at);
    expect(plan.menteeStartsAt).toEqual(plan.at);
    expect(plan.mentorRemindAt).toEqual(utc("2026-11-24T14:00:00Z"));
    expect(plan.menteeRemindAt).toEqual(utc("2026-11-24T14:00:00Z"));
    // Asked to confirm when the half hour is over, inside the mentee's hours.
    expect(plan.confirmAt).toEqual(utc("2026-11-24T15:30:00Z"));
    expect(nextDue({ ...plan, mentorInviteAt: null, menteeInviteAt: null })).toEqual(
      utc("2026-11-24T14:00:00Z"),
    );
  });

  it("needs the whole half hour inside both days (Berlin with Sydney, across Sydney's DST)", () => {
    // Sydney is on daylight time (UTC+11) in November; Berlin on UTC+1.
    const mentor = calendar("Europe/Berlin", hours("07:00-16:00"));
    const mentee = calendar("Australia/Sydney", hours("09:00-17:30"));
    // Sydney 17:00-17:30 = 06:00Z-06:30Z; Berlin 07:00 = 06:00Z: exactly the half hour.
    const plan = defaultKickoffPlan(mentor, mentee, utc("2026-11-23T10:00:00Z"));
    expect(plan.at).toEqual(utc("2026-11-25T06:00:00Z"));
    // In April Sydney is back on UTC+10 and Berlin on UTC+2: the overlap widens to 05:00Z-07:30Z,
    // and the kickoff is 07:00 in Berlin, 15:00 in Sydney.
    const april = defaultKickoffPlan(mentor, mentee, utc("2027-04-12T10:00:00Z"));
    expect(april.at).toEqual(utc("2027-04-14T05:00:00Z"));
  });

  it("without an overlap, starts at the start of each person's own working day", () => {
    const mentor = calendar("America/New_York");
    const mentee = calendar("Asia/Kolkata");
    const plan = defaultKickoffPlan(mentor, mentee, utc("2026-11-23T15:00:00Z"));
    // The invitations: the next start of each one's day (Tuesday 09:00 in each zone).
    expect(plan.mentorInviteAt).toEqual(utc("2026-11-24T14:00:00Z"));
    expect(plan.menteeInviteAt).toEqual(utc("2026-11-24T03:30:00Z"));
    // The kickoff: a day after the later invitation, at the start of each one's day.
    expect(plan.at).toBeNull();
    expect(plan.mentorStartsAt).toEqual(utc("2026-11-25T14:00:00Z")); // Wed 09:00 New York
    expect(plan.menteeStartsAt).toEqual(utc("2026-11-26T03:30:00Z")); // Thu 09:00 Kolkata
    // The hour before is outside their hours: reminded at the start of their day instead.
    expect(plan.mentorRemindAt).toEqual(plan.mentorStartsAt);
    expect(plan.menteeRemindAt).toEqual(plan.menteeStartsAt);
    // Confirmation once both have had it, in the mentee's hours: Thursday 09:30 in Kolkata.
    expect(plan.confirmAt).toEqual(utc("2026-11-26T04:00:00Z"));
    expect(nextDue(plan)).toEqual(plan.menteeInviteAt);
  });

  it("skips a day off of either person", () => {
    const mentor = calendar("America/New_York", DEFAULT_WORKING_HOURS, ["2026-11-24"]);
    const mentee = calendar("Asia/Kolkata", hours("10:00-23:00"));
    const plan = defaultKickoffPlan(mentor, mentee, utc("2026-11-23T15:00:00Z"));
    expect(plan.at).toEqual(utc("2026-11-25T14:00:00Z"));
  });
});

describe("a chosen kickoff time", () => {
  const ny = calendar("America/New_York");
  it("fits someone's hours only if the whole half hour does", () => {
    expect(fitsHours(ny, utc("2026-11-24T14:00:00Z"))).toBe(true); // 09:00
    expect(fitsHours(ny, utc("2026-11-24T22:30:00Z"))).toBe(true); // 17:30-18:00
    expect(fitsHours(ny, utc("2026-11-24T22:45:00Z"))).toBe(false); // runs past 18:00
    expect(fitsHours(ny, utc("2026-11-24T13:59:00Z"))).toBe(false);
    expect(fitsHours(ny, utc("2026-11-28T15:00:00Z"))).toBe(false); // Saturday
  });

  it("keeps the local hour across New York's change to standard time", () => {
    // 09:00 on Fri 30 Oct 2026 is 13:00Z (EDT); on Mon 2 Nov it is 14:00Z (EST).
    expect(fitsHours(ny, utc("2026-10-30T13:00:00Z"))).toBe(true);
    expect(fitsHours(ny, utc("2026-11-02T13:00:00Z"))).toBe(false);
    expect(freeSharedSlot(ny, ny, utc("2026-11-02T13:00:00Z"), [])).toEqual(
      utc("2026-11-02T14:00:00Z"),
    );
  });

  it("reminds an hour before when that is inside the person's hours", () => {
    const plan = planAt(
      ny,
      calendar("Asia/Kolkata", hours("10:00-23:00")),
      utc("2026-11-24T16:00:00Z"),
    );
    expect(plan.mentorRemindAt).toEqual(utc("2026-11-24T15:00:00Z"));
    expect(reminderTime(ny, utc("2026-11-24T14:30:00Z"))).toEqual(utc("2026-11-24T14:00:00Z"));
  });
});
