// Which delivery key each "partner is away" notice goes under: the ledger's dedupe is what keeps a
// retried job from telling twice, and what must not swallow a later absence.
import { describe, expect, it } from "vitest";
import type { Availability, AwayNotice } from "../../src/domain/availability.js";
import {
  type AvailabilityDeps,
  AvailabilityService,
} from "../../src/domain/availability.service.js";
import type { Relationship } from "../../src/domain/relationship.js";
import type { DirectMessenger } from "../../src/slack/direct-messenger.js";
import { SlackAvailabilityNotifier } from "../../src/slack/notifiers/availability.notifier.js";

const DAY = 24 * 3600 * 1000;
const PAIR = { id: "r-1", mentorId: "UM", menteeId: "UE", status: "active", cadence: null };

/** The mentee away by a status with no end; every key asked of the messenger, and a crash to come. */
function harness(notices: Record<string, AwayNotice> = {}) {
  let now = new Date("2026-11-30T04:30:00Z");
  const keys: string[] = [];
  const sent = new Set<string>();
  let crashNext = false;
  const messenger = {
    async sendOnce(key: string) {
      keys.push(key);
      if (crashNext) {
        crashNext = false;
        throw new Error("worker died before the send was recorded");
      }
      sent.add(key);
      return { channel: "D1", ts: "1.0" };
    },
  } as unknown as DirectMessenger;
  const deps = {
    store: {
      find: async () => ({ awayNotices: { ...notices } }) as unknown as Availability,
      noteAwayNotice: async (_user: string, rel: string, notice: AwayNotice) => {
        notices[rel] = { ...notice };
      },
    },
    calendars: { of: async () => ({ userId: "UE", away: { until: null, note: "OOO" } }) },
    relationships: { findById: async () => PAIR as unknown as Relationship },
    notifier: new SlackAvailabilityNotifier(messenger),
    clock: { now: () => now },
  } as unknown as AvailabilityDeps;
  const service = new AvailabilityService(deps);
  return {
    keys,
    sent,
    notices,
    ask: () => service.announceAway("r-1", "UE", ""),
    later: (ms: number) => {
      now = new Date(now.getTime() + ms);
    },
    crashOnce: () => {
      crashNext = true;
    },
  };
}

describe("the away notice's delivery key", () => {
  it("a second open-ended absence gets a key of its own; a retry of it reuses that key", async () => {
    const h = harness();
    await h.ask();
    h.later(7 * DAY);
    await h.ask(); // The same absence, a week on: not asked of the messenger again.
    expect(h.keys).toHaveLength(1);

    h.later(21 * DAY); // Back in between: a new absence.
    h.crashOnce();
    await expect(h.ask()).rejects.toThrow("worker died");
    await h.ask(); // The job's retry.
    const [first, second, retry] = h.keys;
    expect(second).not.toBe(first);
    expect(retry).toBe(second);
    expect(h.sent.size).toBe(2);

    h.later(7 * DAY);
    await h.ask();
    expect(h.keys).toHaveLength(3);
  });

  it("a notice recorded before each absence kept its start counts as told: nobody hears twice", async () => {
    const h = harness({ "r-1": { until: "", seenAt: new Date("2026-11-25T04:30:00Z") } });
    await h.ask();
    expect(h.keys).toEqual([]);
    expect(h.notices["r-1"]?.seenAt).toEqual(new Date("2026-11-30T04:30:00Z"));
  });
});
