import type { DayTally, PairTally, TallyDay, TallyEventKind } from "../../domain/program-tally.js";

/**
 * What the bot sends is counted in a document of its own a pair (`pair_sent_tallies`, `_id` = the
 * relationship's), apart from what people do (`pair_tallies`). On FerretDB two updates of one
 * document at once can lose one (it writes back the whole document each read): the worker's
 * count of a check-in sent and the web's count of an answer, at the same moment, lost one of
 * them in 11-13 of 40 races, and with the answer its reset of the missed streak. The worker's
 * counts and the web's now never write the same document; a read adds the two.
 *
 * A tally the old code wrote holds its sent counts in `pair_tallies`: the sum still reads right.
 */
export const SENT_KINDS: ReadonlySet<TallyEventKind> = new Set<TallyEventKind>([
  "checkin_sent",
  "feedback_asked",
]);

/** The day counters a sent event adds to: only those go in the sent document. */
const SENT_COUNTERS = ["checkinsSent", "feedbackAsked"] as const;

/** A pair's sent document, as stored. */
export interface SentTally {
  days: Record<TallyDay, DayTally>;
  checkinsSent: number;
}

/** `tally` with the pair's sent counts added (one document may be missing: then nothing). */
export function withSent(tally: PairTally, sent: SentTally | undefined): PairTally {
  if (!sent) return tally;
  const days: Record<TallyDay, DayTally> = { ...tally.days };
  for (const [day, counts] of Object.entries(sent.days)) {
    const merged: DayTally = { ...days[day] };
    for (const [field, n] of Object.entries(counts) as Array<[keyof DayTally, number]>) {
      merged[field] = (merged[field] ?? 0) + n;
    }
    days[day] = merged;
  }
  return { ...tally, days, checkinsSent: tally.checkinsSent + sent.checkinsSent };
}

/** A whole tally (a rebuild's) as the two documents keep it: what people did, and what was sent. */
export function splitSent(tally: PairTally): { done: PairTally; sent: SentTally } {
  const doneDays: Record<TallyDay, DayTally> = {};
  const sentDays: Record<TallyDay, DayTally> = {};
  for (const [day, counts] of Object.entries(tally.days)) {
    const done: DayTally = { ...counts };
    const sent: DayTally = {};
    for (const field of SENT_COUNTERS) {
      if (done[field] === undefined) continue;
      sent[field] = done[field];
      delete done[field];
    }
    if (Object.keys(done).length > 0) doneDays[day] = done;
    if (Object.keys(sent).length > 0) sentDays[day] = sent;
  }
  return {
    done: { ...tally, days: doneDays, checkinsSent: 0 },
    sent: { days: sentDays, checkinsSent: tally.checkinsSent },
  };
}
