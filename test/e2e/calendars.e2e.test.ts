// Issue 16, end to end over HTTP on real Redis and FerretDB with the injected clock: working hours
// per person, and time off by command and by Slack status. Sweeps run only when a test calls
// sweepNow(), at the clock's time (short real waits let the queue deliver).
import { fileURLToPath } from "node:url";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Checkin } from "../../src/domain/checkin.js";
import { say } from "../support/mentor-commands.js";
import { finishedNotificationsForgotten, notificationsDrained } from "../support/queue-drain.js";
import type { RecordedCall } from "../support/slack-double.js";
import { at, errorLogs, PEOPLE, startTestBot, type TestBot } from "../support/test-bot.js";

const MINUTE = 60_000;
const WAIT_MS = 8_000;
/** Paired on Mon 23 Nov 2026 15:00Z; the first default check-in is Monday 10:00 in Kolkata. */
const SLOT1 = new Date("2026-11-30T04:30:00Z");

let bot: TestBot;
let rel: string;
/** The file's bot; a test that needs other settings starts its own, stopped after it. */
let shared: TestBot;

beforeAll(async () => {
  shared = await startTestBot();
});
beforeEach(async () => {
  bot = shared;
  await bot.reset();
  rel = await pair();
});
afterEach(async () => {
  expect(errorLogs(bot)).toEqual([]);
  if (bot !== shared) await bot.stop();
});
afterAll(() => shared.stop());

async function pair(): Promise<string> {
  expect(await say(bot, PEOPLE.admin, `pair ${at(PEOPLE.mentor)} ${at(PEOPLE.mentee)}`)).toContain(
    "is now mentoring",
  );
  await waitForCount(() => bot.double.dmsTo(PEOPLE.mentee), 1);
  const relationship = await bot.db.relationships.findOpenBetween(PEOPLE.mentor, PEOPLE.mentee);
  return relationship?.id ?? "";
}

const textOf = (c: RecordedCall) => String(c.params.text ?? "");
const checkinDms = () =>
  bot.double.dmsTo(PEOPLE.mentee).filter((c) => textOf(c).includes("Time for your check-in"));
const reminderDms = () =>
  bot.double.dmsTo(PEOPLE.mentee).filter((c) => textOf(c).includes("gentle nudge"));
const awayNotices = () =>
  bot.double.dmsTo(PEOPLE.mentor).filter((c) => textOf(c).includes("is away"));

async function waitForCount<T>(list: () => T[], count: number): Promise<T[]> {
  if (list().length < count) {
    await bot.double.waitFor("chat.postMessage", () => list().length >= count, WAIT_MS);
  }
  return list();
}

/** Sweeps at `when` and lets the queue finish what the sweep started. */
async function sweepAt(when: Date | string) {
  bot.clock.set(when);
  const result = await bot.sweepNow();
  await notificationsDrained(bot);
  return result;
}

/** Polls (really, briefly) until `done()` holds: for work that follows an acked event. */
async function waitUntil(done: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + WAIT_MS;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error("timed out waiting");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function onlyCheckin(): Promise<Checkin> {
  const [checkin, ...more] = await bot.db.checkins.recent(rel, 10);
  expect(more).toEqual([]);
  if (!checkin) throw new Error("no check-in stored");
  return checkin;
}

describe("working hours", () => {
  it("shows the default, sets new hours, and refuses bad ones without writing anything", async () => {
    expect(await say(bot, PEOPLE.mentee, "hours")).toContain(
      "09:00-18:00, Monday to Friday (the default), in your time zone (Asia/Kolkata)",
    );
    expect(await say(bot, PEOPLE.mentee, "hours 17:00-08:30")).toContain(
      "Working hours must end after they start",
    );
    expect(await say(bot, PEOPLE.mentee, "hours 09:00-17:00 none")).toContain(
      "Working hours need at least one day",
    );
    expect(await say(bot, PEOPLE.mentee, "hours 09:00-17:00 funday")).toContain(
      "`funday` isn't a set of days",
    );
    expect(await say(bot, PEOPLE.mentee, "hours lunchtime")).toContain("isn't a range of hours");
    expect(await bot.db.availability.find(PEOPLE.mentee)).toBeNull();

    expect(await say(bot, PEOPLE.mentee, "hours 08:30-17:00 mon-thu")).toContain(
      "Working hours saved. 08:30-17:00, Monday to Thursday, in your time zone (Asia/Kolkata)",
    );
    expect((await bot.db.availability.find(PEOPLE.mentee))?.hours).toEqual({
      start: "08:30",
      end: "17:00",
      days: [1, 2, 3, 4],
    });
    expect(await say(bot, PEOPLE.mentee, "hours")).toContain("08:30-17:00, Monday to Thursday,");
    // Each person's hours are their own.
    expect(await say(bot, PEOPLE.mentor, "hours")).toContain(
      "(the default), in your time zone (America/New_York)",
    );
  });

  it("holds a check-in until the mentee's day starts, and reminds them inside their hours", async () => {
    await say(bot, PEOPLE.mentee, "hours 11:00-19:00");
    await bot.sweepNow(); // plans Monday 10:00 Kolkata
    expect(await sweepAt(SLOT1)).toMatchObject({ created: 1, deferred: 1 });
    expect(checkinDms()).toHaveLength(0);
    // 10:59 in Kolkata: still waiting.
    expect(await sweepAt("2026-11-30T05:29:00Z")).toMatchObject({ resent: 0 });
    expect(checkinDms()).toHaveLength(0);
    // 11:00 in Kolkata: it goes out, once.
    expect(await sweepAt("2026-11-30T05:30:00Z")).toMatchObject({ resent: 1 });
    await waitForCount(checkinDms, 1);
    await sweepAt("2026-11-30T05:31:00Z");
    expect(checkinDms()).toHaveLength(1);
    const sent = await onlyCheckin();
    expect(sent.sentAt).toEqual(new Date("2026-11-30T05:30:00Z"));
    // The reminder a day later is at 11:00 Kolkata on Tuesday, inside their hours.
    expect(sent.remindAt).toEqual(new Date("2026-12-01T05:30:00Z"));
    expect(await sweepAt("2026-12-01T05:30:00Z")).toMatchObject({ reminders: 1 });
    await waitForCount(reminderDms, 1);
  });
});

describe("time off", () => {
  it("away with no mentoring partner promises no notice", async () => {
    const away = await say(bot, PEOPLE.other, "away until 2026-12-02");
    expect(away).toContain("nothing counts as missed.");
    expect(away).not.toContain("told");
  });

  it("away by command: check-ins wait, the mentor is told once, and back brings them", async () => {
    expect(await say(bot, PEOPLE.mentee, "away until 2026-11-20")).toContain("already past");
    expect(await say(bot, PEOPLE.mentee, "away until 2027-12-01")).toContain(
      "at most a year ahead",
    );
    expect(await say(bot, PEOPLE.mentee, "away until someday")).toContain("`someday` isn't a date");
    expect(await say(bot, PEOPLE.mentee, "away")).toContain("Say the last day you're away");
    expect(await bot.db.availability.find(PEOPLE.mentee)).toBeNull();
    await notificationsDrained(bot);
    expect(awayNotices()).toHaveLength(0);

    const away = await say(bot, PEOPLE.mentee, "away until 2026-12-02 Family wedding");
    expect(away).toContain("You're away through Wed 2 Dec 2026");
    expect(away).toContain("your mentoring partner has been told");
    const [notice] = await waitForCount(awayNotices, 1);
    // The date is their last day away, as their own reply says: "through", not "until".
    expect(textOf(notice as RecordedCall)).toContain(
      `<@${PEOPLE.mentee}> is away through Wed 2 Dec 2026 (Family wedding)`,
    );
    // Saying it again tells nobody twice.
    await say(bot, PEOPLE.mentee, "away until 2026-12-02 Family wedding");
    await notificationsDrained(bot);
    expect(awayNotices()).toHaveLength(1);

    await bot.sweepNow();
    expect(await sweepAt(SLOT1)).toMatchObject({ created: 1, deferred: 1 });
    expect(checkinDms()).toHaveLength(0);
    // Deferred to Thursday 09:00 in Kolkata, the first working morning after the time off.
    expect((await onlyCheckin()).scheduledFor).toEqual(new Date("2026-12-03T03:30:00Z"));
    expect(awayNotices()).toHaveLength(1);

    // Back early on Tuesday at 11:30 Kolkata: the check-in comes on the next sweep.
    bot.clock.set("2026-12-01T06:00:00Z");
    expect(await say(bot, PEOPLE.mentee, "back")).toContain("Welcome back!");
    expect(await sweepAt("2026-12-01T06:01:00Z")).toMatchObject({ resent: 1 });
    await waitForCount(checkinDms, 1);
    expect((await onlyCheckin()).status).toBe("sent");
  });

  it("a long time off tells the mentor once, though the delivery ledger forgets after 30 days", async () => {
    await say(bot, PEOPLE.mentee, "away until 2027-01-22 Parental leave");
    await waitForCount(awayNotices, 1);
    await bot.sweepNow();
    // Every weekly slot of the sixty days waits and asks for the notice again; each week BullMQ
    // forgets the finished jobs, and the retention purge runs.
    for (let week = 0; week < 8; week++) {
      const slot = new Date(SLOT1.getTime() + week * 7 * 24 * 60 * MINUTE);
      expect(await sweepAt(slot)).toMatchObject({ created: 1, deferred: 1 });
      await finishedNotificationsForgotten(bot);
      await bot.purgeNow();
    }
    expect(awayNotices()).toHaveLength(1);
    expect(checkinDms()).toHaveLength(0);
  });

  it("a check-in that is waiting is not missed while the mentee is away, and its reminder waits", async () => {
    await bot.sweepNow();
    await sweepAt(SLOT1);
    await waitForCount(checkinDms, 1);
    const sent = await onlyCheckin();
    expect(sent.remindAt).toEqual(new Date("2026-12-01T04:30:00Z"));

    bot.clock.set("2026-11-30T10:00:00Z");
    await say(bot, PEOPLE.mentee, "away until 2026-12-04");
    expect(await sweepAt("2026-12-01T04:30:00Z")).toMatchObject({ reminders: 0 });
    expect(reminderDms()).toHaveLength(0);
    // The reminder waits for Monday 7 Dec, 09:00 in Kolkata.
    expect((await onlyCheckin()).remindAt).toEqual(new Date("2026-12-07T03:30:00Z"));
    expect(await sweepAt("2026-12-07T03:30:00Z")).toMatchObject({ reminders: 1 });
    await waitForCount(reminderDms, 1);
    expect((await onlyCheckin()).status).toBe("sent");
  });

  it("away by Slack status: a :palm_tree: defers check-ins until the status is gone", async () => {
    bot.double.setStatus(PEOPLE.mentee, { emoji: ":palm_tree:", text: "Vacationing" });
    await bot.sweepNow();
    expect(await sweepAt(SLOT1)).toMatchObject({ created: 1, deferred: 1 });
    const [notice] = await waitForCount(awayNotices, 1);
    expect(textOf(notice as RecordedCall)).toContain(
      `<@${PEOPLE.mentee}> is away for a while (Vacationing)`,
    );
    // No end known: asked again on the next working morning (Tuesday 09:00 Kolkata).
    expect((await onlyCheckin()).scheduledFor).toEqual(new Date("2026-12-01T03:30:00Z"));
    expect(await say(bot, PEOPLE.mentee, "hours")).toContain(
      'Your Slack status says you\'re away ("Vacationing")',
    );
    expect(await sweepAt("2026-12-01T03:30:00Z")).toMatchObject({ deferred: 1, resent: 0 });
    expect(checkinDms()).toHaveLength(0);
    expect(awayNotices()).toHaveLength(1);

    // The status is cleared; a brief cache later, the check-in goes out at Wednesday 09:00.
    bot.double.setStatus(PEOPLE.mentee, null);
    expect(await sweepAt("2026-12-02T03:30:00Z")).toMatchObject({ resent: 1 });
    await waitForCount(checkinDms, 1);
    const checkin = await onlyCheckin();
    expect(checkin.status).toBe("sent");
    expect(checkin.sentAt).toEqual(new Date("2026-12-02T03:30:00Z"));
  });

  it("a second status with no end, weeks after the first, is told too, though the ledger remembers the first", async () => {
    const weekLater = (weeks: number) => new Date(SLOT1.getTime() + weeks * 7 * 24 * 60 * MINUTE);
    bot.double.setStatus(PEOPLE.mentee, { emoji: ":spiral_calendar_pad:", text: "OOO" });
    await bot.sweepNow();
    expect(await sweepAt(SLOT1)).toMatchObject({ created: 1, deferred: 1 });
    await waitForCount(awayNotices, 1);

    // Back: once the cached profile is a day old, that check-in and the next two weekly ones go out.
    bot.double.setStatus(PEOPLE.mentee, null);
    expect(await sweepAt("2026-12-01T03:30:00Z")).toMatchObject({ deferred: 1, resent: 0 });
    expect(await sweepAt("2026-12-02T03:30:00Z")).toMatchObject({ resent: 1 });
    await finishedNotificationsForgotten(bot);
    for (const week of [1, 2]) {
      expect(await sweepAt(weekLater(week))).toMatchObject({ created: 1, deferred: 0 });
      await finishedNotificationsForgotten(bot);
    }
    await waitForCount(checkinDms, 3);
    expect(awayNotices()).toHaveLength(1);

    // OOO again three weeks on, within the 30 days the delivery ledger keeps the first notice.
    bot.double.setStatus(PEOPLE.mentee, { emoji: ":spiral_calendar_pad:", text: "OOO" });
    expect(await sweepAt(weekLater(3))).toMatchObject({ created: 1, deferred: 1 });
    const [, second] = await waitForCount(awayNotices, 2);
    expect(textOf(second as RecordedCall)).toContain(
      `<@${PEOPLE.mentee}> is away for a while (OOO)`,
    );
    // The next working morning asks again: the same absence, not told twice.
    await finishedNotificationsForgotten(bot);
    expect(await sweepAt(new Date(weekLater(3).getTime() + 23 * 60 * MINUTE))).toMatchObject({
      deferred: 1,
    });
    expect(awayNotices()).toHaveLength(2);
  });

  it("an 'out of office' status with an end date tells the mentor the date", async () => {
    bot.double.setStatus(PEOPLE.mentee, {
      emoji: ":spiral_calendar_pad:",
      text: "Out of office",
      expiration: Date.parse("2026-12-02T12:00:00Z") / 1000,
    });
    await bot.sweepNow();
    await sweepAt(SLOT1);
    const [notice] = await waitForCount(awayNotices, 1);
    expect(textOf(notice as RecordedCall)).toContain(
      "is away through Wed 2 Dec 2026 (Out of office)",
    );
    // Thursday 09:00 Kolkata, the morning after the status ends.
    expect((await onlyCheckin()).scheduledFor).toEqual(new Date("2026-12-03T03:30:00Z"));
    expect(await sweepAt(new Date(Date.parse("2026-12-03T03:30:00Z") + MINUTE))).toMatchObject({
      resent: 1,
    });
    await waitForCount(checkinDms, 1);
  });

  it("a status that ends at midnight leaves the next day free", async () => {
    bot.double.setStatus(PEOPLE.mentee, {
      emoji: ":palm_tree:",
      text: "Vacationing",
      // Wednesday 2 Dec 00:00 in Kolkata.
      expiration: Date.parse("2026-12-01T18:30:00Z") / 1000,
    });
    await bot.sweepNow();
    await sweepAt(SLOT1);
    const [notice] = await waitForCount(awayNotices, 1);
    expect(textOf(notice as RecordedCall)).toContain(
      "is away through Tue 1 Dec 2026 (Vacationing)",
    );
    // Wednesday 09:00 Kolkata, the first morning after it.
    expect((await onlyCheckin()).scheduledFor).toEqual(new Date("2026-12-02T03:30:00Z"));
  });
});

describe("company holidays", () => {
  it("delivers nothing on a holiday from HOLIDAYS_FILE, in the mentee's own zone", async () => {
    // This test's bot reads the company's .ics file (Mon 30 Nov 2026 is a recharge day).
    bot = await startTestBot({
      HOLIDAYS_FILE: fileURLToPath(
        new URL("../fixtures/holidays/company-holidays.ics", import.meta.url),
      ),
    });
    rel = await pair();
    await bot.sweepNow();
    expect(await sweepAt(SLOT1)).toMatchObject({ created: 1, deferred: 1 });
    expect(checkinDms()).toHaveLength(0);
    // Nobody is "away": the mentor is not told anything.
    expect(awayNotices()).toHaveLength(0);
    // 23:59 on the holiday in Kolkata: still nothing.
    expect(await sweepAt("2026-11-30T18:29:00Z")).toMatchObject({ resent: 0 });
    // Tuesday 09:00 in Kolkata.
    const checkin = await onlyCheckin();
    expect(checkin.scheduledFor).toEqual(new Date("2026-12-01T03:30:00Z"));
    expect(await sweepAt("2026-12-01T03:30:00Z")).toMatchObject({ resent: 1 });
    await waitForCount(checkinDms, 1);
    expect((await onlyCheckin()).sentAt).toEqual(new Date("2026-12-01T03:30:00Z"));
  });
});

describe("a change of time zone", () => {
  const moveMenteeTo = (tz: string) => {
    const mentee = bot.double.user(PEOPLE.mentee);
    if (mentee) bot.double.addUser({ ...mentee, tz });
  };

  it("a user_change event moves the next check-in to the new zone, from the next slot on", async () => {
    await bot.sweepNow();
    expect((await bot.db.relationships.findById(rel))?.nextCheckinAt).toEqual(SLOT1);
    moveMenteeTo("Europe/Berlin");
    const sent = await bot.slack.event({
      type: "user_change",
      user: {
        id: PEOPLE.mentee,
        name: "sam",
        tz: "Europe/Berlin",
        tz_label: "Central European Time",
      },
    });
    expect(sent.status).toBe(200);
    // Monday 10:00 in Berlin now, not in Kolkata (the event is handled after its ack).
    const berlinSlot = new Date("2026-11-30T09:00:00Z");
    await waitUntil(
      async () =>
        (await bot.db.relationships.findById(rel))?.nextCheckinAt?.getTime() ===
        berlinSlot.getTime(),
    );
    expect(await say(bot, PEOPLE.mentee, "checkin")).toContain(
      "Mon 30 Nov 2026, 10:00, Europe/Berlin",
    );
    // The same event again (Slack retries) moves nothing.
    await bot.slack.event({
      type: "user_change",
      user: { id: PEOPLE.mentee, name: "sam-again", tz: "Europe/Berlin" },
    });
    await waitUntil(
      async () => (await bot.db.people.find(PEOPLE.mentee))?.displayName === "sam-again",
    );
    await notificationsDrained(bot);
    expect((await bot.db.relationships.findById(rel))?.nextCheckinAt).toEqual(berlinSlot);

    // Nothing at the old slot; one check-in at the new one.
    expect(await sweepAt(SLOT1)).toMatchObject({ created: 0 });
    expect(await sweepAt(berlinSlot)).toMatchObject({ created: 1 });
    await waitForCount(checkinDms, 1);
    expect((await onlyCheckin()).sentAt).toEqual(berlinSlot);
    expect((await bot.db.relationships.findById(rel))?.nextCheckinAt).toEqual(
      new Date("2026-12-07T09:00:00Z"),
    );
  });

  it("a zone changed back and forth within a day follows every change, the repeated one too", async () => {
    await bot.sweepNow();
    expect((await bot.db.relationships.findById(rel))?.nextCheckinAt).toEqual(SLOT1);
    const berlinSlot = new Date("2026-11-30T09:00:00Z");
    const moveTo = async (tz: string, slot: Date) => {
      bot.clock.set(new Date(bot.clock.now().getTime() + 10 * MINUTE));
      moveMenteeTo(tz);
      await bot.slack.event({ type: "user_change", user: { id: PEOPLE.mentee, name: "sam", tz } });
      await waitUntil(
        async () =>
          (await bot.db.relationships.findById(rel))?.nextCheckinAt?.getTime() === slot.getTime(),
      );
    };
    await moveTo("Europe/Berlin", berlinSlot);
    await moveTo("Asia/Kolkata", SLOT1);
    // Kolkata to Berlin again, minutes after the first time.
    await moveTo("Europe/Berlin", berlinSlot);
    await notificationsDrained(bot);
    expect(await say(bot, PEOPLE.mentee, "checkin")).toContain(
      "Mon 30 Nov 2026, 10:00, Europe/Berlin",
    );
  });

  it("moved east past the slot's time on its day, before the old slot: this week's check-in goes now", async () => {
    await bot.sweepNow();
    expect((await bot.db.relationships.findById(rel))?.nextCheckinAt).toEqual(SLOT1);
    // Monday 07:30 in Kolkata: the 10:00 slot is ahead; in Tokyo it is 11:00, past 10:00.
    const now = new Date("2026-11-30T02:00:00Z");
    bot.clock.set(now);
    moveMenteeTo("Asia/Tokyo");
    await bot.slack.event({
      type: "user_change",
      user: { id: PEOPLE.mentee, name: "sam", tz: "Asia/Tokyo" },
    });
    await waitUntil(
      async () =>
        (await bot.db.relationships.findById(rel))?.nextCheckinAt?.getTime() === now.getTime(),
    );
    expect(await sweepAt(now)).toMatchObject({ created: 1 });
    await waitForCount(checkinDms, 1);
    // Then Mondays at 10:00 in Tokyo.
    expect((await bot.db.relationships.findById(rel))?.nextCheckinAt).toEqual(
      new Date("2026-12-07T01:00:00Z"),
    );
  });

  it("without the event, the next profile refresh finds the new zone: hours and slots follow it", async () => {
    await bot.sweepNow();
    moveMenteeTo("Europe/Berlin");
    // At the old slot (05:30 in Berlin) the sweep re-reads the profile: too early in Berlin.
    expect(await sweepAt(SLOT1)).toMatchObject({ created: 1, deferred: 1 });
    expect((await onlyCheckin()).scheduledFor).toEqual(new Date("2026-11-30T08:00:00Z"));
    // The slots after it are Monday 10:00 in Berlin.
    expect((await bot.db.relationships.findById(rel))?.nextCheckinAt).toEqual(
      new Date("2026-12-07T09:00:00Z"),
    );
    expect(await sweepAt("2026-11-30T08:00:00Z")).toMatchObject({ resent: 1 });
    await waitForCount(checkinDms, 1);
  });
});

/** A time as the mentee in Kolkata reads it: "Mon 30 Nov, 09:00". */
const kolkata = (at: Date | null) =>
  at
    ? new Intl.DateTimeFormat("en-GB", {
        timeZone: "Asia/Kolkata",
        weekday: "short",
        day: "2-digit",
        month: "short",
        hour: "2-digit",
        minute: "2-digit",
        hourCycle: "h23",
      }).format(at)
    : "-";

/** The next moment after now something of the pair comes due (Infinity if none), in ms. */
async function nextDueMoment(): Promise<number> {
  const relationship = await bot.db.relationships.findById(rel);
  const open = (await bot.db.checkins.recent(rel, 20)).filter((c) =>
    ["scheduled", "sent"].includes(c.status),
  );
  const times = [
    relationship?.nextCheckinAt,
    ...open.map((c) =>
      c.status === "scheduled" ? c.scheduledFor : c.remindedAt ? c.missAt : c.remindAt,
    ),
  ]
    .filter((t): t is Date => t instanceof Date && t.getTime() > bot.clock.now().getTime())
    .map((t) => t.getTime());
  return Math.min(...times);
}

/** Sweeps at each moment something of the pair comes due, as the minutely sweep would, up to `end`. */
async function sweepEachDueMoment(end: Date): Promise<void> {
  for (let guard = 0; guard < 60; guard++) {
    const next = await nextDueMoment();
    if (!Number.isFinite(next) || next > end.getTime()) return;
    await sweepAt(new Date(next));
  }
}

describe("working hours that leave out the check-in's day", () => {
  it("a Wednesday check-in for a mentee working Monday and Tuesday arrives on their next Monday, every week", async () => {
    expect(await say(bot, PEOPLE.mentee, "hours 09:00-17:00 mon,tue")).not.toContain("isn't");
    // The replies say when a check-in outside the mentee's hours will really arrive.
    expect(await say(bot, PEOPLE.mentee, "checkin every weekly wed 10:00")).toContain(
      "(Wed 25 Nov 2026, 10:00, Asia/Kolkata), outside your working hours: it arrives",
    );
    expect(await say(bot, PEOPLE.mentor, "checkin")).toContain(
      `outside <@${PEOPLE.mentee}>'s working hours: it arrives`,
    );
    expect(await say(bot, PEOPLE.mentee, "checkin")).toContain(
      "it arrives <!date^1796009400^{date_short_pretty} at {time}|",
    );
    // So does the Home tab: its next check-in is Monday's arrival, not Wednesday's slot.
    expect(await menteeHome()).toContain("Next check-in: <!date^1796009400^");
    await bot.sweepNow();
    await sweepEachDueMoment(new Date("2026-12-26T00:00:00Z"));
    const log = (await bot.db.checkins.recent(rel, 20)).reverse();
    expect(log.map((c) => [kolkata(new Date(c.slot)), kolkata(c.sentAt)])).toEqual([
      ["Wed 25 Nov, 10:00", "Mon 30 Nov, 09:00"],
      ["Wed 02 Dec, 10:00", "Mon 07 Dec, 09:00"],
      ["Wed 09 Dec, 10:00", "Mon 14 Dec, 09:00"],
      ["Wed 16 Dec, 10:00", "Mon 21 Dec, 09:00"],
      // Waiting for Monday 28 Dec.
      ["Wed 23 Dec, 10:00", "-"],
    ]);
    expect(log.at(-1)?.scheduledFor).toEqual(new Date("2026-12-28T03:30:00Z"));
    await waitForCount(checkinDms, 4);
  });

  it("time off that ends just before the next slot still folds the waiting check-in into it", async () => {
    // Away Monday to Thursday: Monday's check-in would arrive Friday, three days before the next.
    bot.clock.set("2026-11-29T12:00:00Z");
    await say(bot, PEOPLE.mentee, "away until 2026-12-03 Conference");
    await bot.sweepNow();
    await sweepEachDueMoment(new Date("2026-12-08T00:00:00Z"));
    const log = (await bot.db.checkins.recent(rel, 20)).reverse();
    // (A skipped check-in is not among the pair's check-ins.)
    expect(log.map((c) => [kolkata(new Date(c.slot)), c.status, kolkata(c.sentAt)])).toEqual([
      ["Mon 07 Dec, 10:00", "sent", "Mon 07 Dec, 10:00"],
    ]);
    await notificationsDrained(bot);
    expect(checkinDms()).toHaveLength(1);
  });
});

/** The Home tab the mentee sees now, as published. */
async function menteeHome(): Promise<string> {
  const before = bot.double.calls("views.publish").length;
  await bot.slack.event({
    type: "app_home_opened",
    user: PEOPLE.mentee,
    channel: bot.double.dmChannelId(PEOPLE.mentee),
    tab: "home",
    event_ts: "1700000000.000100",
  });
  const home = await bot.double.waitFor(
    "views.publish",
    (c) =>
      c.params.user_id === PEOPLE.mentee && bot.double.calls("views.publish").indexOf(c) >= before,
  );
  return JSON.stringify(home.params.view);
}

describe("the next check-in, as the sweep will really send it", () => {
  /** Thursday 3 Dec, 09:00 in Kolkata: the first working moment after time off through Wednesday. */
  const THURSDAY = "1796268600";
  /** Monday 7 Dec, 10:00 in Kolkata: the slot after SLOT1. */
  const MONDAY2 = "1796617800";
  /** Monday 14 Dec, 10:00 in Kolkata. */
  const MONDAY3 = "1797222600";

  it("a check-in held back for the mentee is the next one shown, and `skip` skips it", async () => {
    await say(bot, PEOPLE.mentee, "away until 2026-12-02");
    await bot.sweepNow();
    expect(await sweepAt(SLOT1)).toMatchObject({ created: 1, deferred: 1 });
    // Made for Monday's slot, it waits for Thursday; the schedule itself is at next Monday.
    const held = await onlyCheckin();
    expect(held.scheduledFor).toEqual(new Date("2026-12-03T03:30:00Z"));
    expect(await say(bot, PEOPLE.mentee, "checkin")).toContain(`Next: <!date^${THURSDAY}^`);
    expect(await menteeHome()).toContain(`Next check-in: <!date^${THURSDAY}^`);

    const skipped = await say(bot, PEOPLE.mentee, "checkin skip");
    expect(skipped).toContain(`Skipped the check-in of <!date^${THURSDAY}^`);
    expect(skipped).toContain(`Next: <!date^${MONDAY2}^`);
    expect(await menteeHome()).toContain(`Next check-in: <!date^${MONDAY2}^`);
    // Its delivery key is withheld in the ledger: even with the skip's write on the check-in
    // lost (FerretDB can lose one of two writes of a document at once), it is never sent.
    expect((await bot.db.checkins.findById(held.id))?.status).toBe("skipped");
    await bot.db.checkins.transition(held.id, ["skipped"], "scheduled", {
      scheduledFor: held.scheduledFor,
    });
    // Thursday brings nothing; next Monday's check-in still comes.
    await sweepAt("2026-12-03T03:30:00Z");
    expect(checkinDms()).toHaveLength(0);
    expect((await bot.db.checkins.findById(held.id))?.status).toBe("skipped");
    await sweepAt("2026-12-07T04:30:00Z");
    await waitForCount(checkinDms, 1);
    const log = (await bot.db.checkins.recent(rel, 10)).map((c) => [c.slot, c.status]);
    expect(log).toEqual([["2026-12-07T04:30:00.000Z", "sent"]]);
  });

  it("`skip` while the held check-in's send holds its delivery key skips the slot after it", async () => {
    await say(bot, PEOPLE.mentee, "away until 2026-12-02");
    await bot.sweepNow();
    await sweepAt(SLOT1);
    const held = await onlyCheckin();
    // A send of the same moment claimed the key first: that check-in is going out.
    const key = `checkin:${held.id}`;
    const claim = await bot.db.deliveries.claim(key, bot.clock.now(), 60_000);
    if (claim.outcome !== "claimed") throw new Error("the key was taken");
    const skipped = await say(bot, PEOPLE.mentee, "checkin skip");
    // The one going out is still the next; the one after it is skipped.
    expect(skipped).toContain(`Skipped the check-in of <!date^${MONDAY2}^`);
    expect(skipped).toContain(`Next: <!date^${THURSDAY}^`);
    expect((await bot.db.checkins.findById(held.id))?.status).toBe("scheduled");
    // The send gave the key back (it failed, say): Thursday's check-in comes, next Monday's not.
    await bot.db.deliveries.release(key, claim.token);
    await sweepAt("2026-12-03T03:30:00Z");
    await waitForCount(checkinDms, 1);
    await sweepAt("2026-12-07T04:30:00Z");
    expect(checkinDms()).toHaveLength(1);
  });

  it("a check-in the sweep will fold into the next is not shown; `skip` skips the one that comes", async () => {
    // Away Monday to Thursday: Monday's check-in would arrive Friday, three days before the next.
    await say(bot, PEOPLE.mentee, "away until 2026-12-03");
    await bot.sweepNow();
    const schedule = await say(bot, PEOPLE.mentee, "checkin");
    expect(schedule).toContain(`Next: <!date^${MONDAY2}^`);
    expect(schedule).not.toContain("it arrives");
    expect(await menteeHome()).toContain(`Next check-in: <!date^${MONDAY2}^`);

    const skipped = await say(bot, PEOPLE.mentee, "checkin skip");
    expect(skipped).toContain(`Skipped the check-in of <!date^${MONDAY2}^`);
    expect(skipped).toContain(`Next: <!date^${MONDAY3}^`);
    await sweepEachDueMoment(new Date("2026-12-15T00:00:00Z"));
    await notificationsDrained(bot);
    const log = (await bot.db.checkins.recent(rel, 10)).map((c) => [c.slot, c.status]);
    expect(log).toEqual([["2026-12-14T04:30:00.000Z", "sent"]]);
    expect(checkinDms()).toHaveLength(1);
  });
});

describe("three weeks of one pair's check-ins across a holiday and time off", () => {
  it("are delivered inside the mentee's hours, never on the holiday or while away", async () => {
    bot = await startTestBot({
      HOLIDAYS_FILE: fileURLToPath(
        new URL("../fixtures/holidays/company-holidays.ics", import.meta.url),
      ),
    });
    rel = await pair();
    // The mentee works 09:30-17:30 Monday to Thursday; check-ins are Mondays at 09:00 Kolkata.
    await say(bot, PEOPLE.mentee, "hours 09:30-17:30 mon-thu");
    await say(bot, PEOPLE.mentee, "checkin every weekly mon 09:00");
    await bot.sweepNow();
    // On Friday 4 Dec the mentee leaves for a wedding, back on Wednesday.
    let awayFrom: number | null = Date.parse("2026-12-04T06:00:00Z");

    // Step from one due moment to the next, as the minutely sweep would see them.
    const end = Date.parse("2026-12-19T00:00:00Z");
    for (let guard = 0; guard < 40; guard++) {
      const next = await nextDueMoment();
      if (!Number.isFinite(next) || next > end) break;
      if (awayFrom !== null && awayFrom < next) {
        bot.clock.set(new Date(awayFrom));
        await say(bot, PEOPLE.mentee, "away until 2026-12-08 Family wedding");
        awayFrom = null;
      }
      await sweepAt(new Date(next));
    }

    const log = (await bot.db.checkins.recent(rel, 20)).reverse().map((c) => ({
      slot: kolkata(new Date(c.slot)),
      delivered: kolkata(c.sentAt),
      deliveredUtc: c.sentAt?.toISOString() ?? "-",
      reminded: kolkata(c.remindedAt),
      status: c.status,
    }));
    console.log(`One pair's check-ins, mentee in Asia/Kolkata:\n${JSON.stringify(log, null, 1)}`);
    expect(log.map((c) => [c.slot, c.delivered])).toEqual([
      // Mon 30 Nov is the company's recharge day: Tuesday, at the start of the working day.
      ["Mon 30 Nov, 09:00", "Tue 01 Dec, 09:30"],
      // Away 4-8 Dec: the check-in waits for Wednesday morning.
      ["Mon 07 Dec, 09:00", "Wed 09 Dec, 09:30"],
      ["Mon 14 Dec, 09:00", "Mon 14 Dec, 09:30"],
    ]);
    // Unanswered, each is reminded on the mentee's next working day, in their hours; the one
    // that waited out the time off is reminded only after it, never on the holiday either.
    expect(log.map((c) => c.reminded)).toEqual([
      "Wed 02 Dec, 09:30",
      "Thu 10 Dec, 09:30",
      "Tue 15 Dec, 09:30",
    ]);
  });
});

describe("roadmap templates", () => {
  it("lists the templates, adds one's milestones with due dates, and refuses an unknown one", async () => {
    const list = await say(bot, PEOPLE.mentee, "roadmap templates");
    for (const name of [
      "Become a people manager",
      "Grow into a senior engineer",
      "Public speaking",
    ]) {
      expect(list).toContain(name);
    }
    expect(list).toContain("Present an update in a team meeting (in 2 weeks)");

    expect(await say(bot, PEOPLE.mentee, "milestone add template astronaut")).toContain(
      "There's no roadmap template `astronaut`. Pick one of: `people-manager`",
    );
    expect(await bot.db.milestones.list(rel)).toEqual([]);

    const added = await say(
      bot,
      PEOPLE.mentor,
      `milestone add template public-speaking ${at(PEOPLE.mentee)}`,
    );
    expect(added).toContain("Added 5 milestones from *Public speaking*");
    expect(added).toContain("1. Present an update in a team meeting (due Mon 7 Dec 2026)");
    const milestones = await bot.db.milestones.list(rel);
    expect(milestones.map((m) => m.title)).toEqual([
      "Present an update in a team meeting",
      "Join a speaking club or workshop",
      "Give a brown-bag talk to the wider company",
      "Submit a talk proposal to a conference or meetup",
      "Give a conference or meetup talk",
    ]);
    expect(milestones.map((m) => m.dueDate)).toEqual([
      "2026-12-07",
      "2027-01-04",
      "2027-02-15",
      "2027-03-29",
      "2027-06-21",
    ]);
    // Both people see them on the roadmap.
    expect(await say(bot, PEOPLE.mentee, "roadmap")).toContain(
      "Give a brown-bag talk to the wider company",
    );
  });
});
