import type { Cadence } from "./cadence.js";
import type { Checkin } from "./checkin.js";
import { foldedIntoNext, slotAfter } from "./checkin-sweep-rules.js";
import { nextTimeIn, type WorkCalendar } from "./working-hours.js";

/**
 * The check-in that will really come next, as the sweep will handle it: one the sweep made and
 * holds back for the mentee (`held`), else the slot's, or, when the sweep would fold the slot's
 * into the next, the next slot's.
 */
export interface NextCheckin {
  /** The held check-in, already made; null when the next one is a slot's still to come. */
  held: Checkin | null;
  /** The slot it is for: the held one's, or the one the pair's schedule will reach. */
  slot: Date;
  /** When it reaches the mentee: the held one's time, or the slot's first working moment. */
  arrivesAt: Date;
}

/**
 * `open` are the pair's latest check-ins (any order, skipped ones left out): a held one is the
 * scheduled one among them, and one asked for with `checkin now` is on its way, not held.
 * `slot` is the pair's next planned slot.
 */
export function nextCheckin(
  open: readonly Checkin[],
  slot: Date,
  calendar: WorkCalendar,
  cadence: Cadence,
): NextCheckin {
  const held = open
    .filter((c) => c.status === "scheduled" && !c.slot.startsWith("now:"))
    .sort((a, b) => a.scheduledFor.getTime() - b.scheduledFor.getTime())[0];
  if (held) return { held, slot: new Date(held.slot), arrivesAt: held.scheduledFor };
  const arrives = nextTimeIn(calendar, slot);
  const following = followingSlot(slot, calendar.zone, cadence);
  // The sweep folds a check-in it would hold back (or never reach the mentee with) when the
  // next slot's would come close behind: that one is what arrives.
  if (!arrives || (arrives > slot && foldedIntoNext(arrives, following, calendar, cadence))) {
    return { held: null, slot: following, arrivesAt: nextTimeIn(calendar, following) ?? following };
  }
  return { held: null, slot, arrivesAt: arrives };
}

/** The slot after `slot`, as the sweep plans it (slotAfter). */
export function followingSlot(slot: Date, zone: string, cadence: Cadence): Date {
  return slotAfter(cadence, zone, slot, slot);
}
