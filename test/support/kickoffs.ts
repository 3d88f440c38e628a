import type { Database } from "../../src/db/database.js";
import type { Kickoff } from "../../src/domain/kickoff.js";
import { createActivePair } from "./relationships.js";

const DAY_MS = 24 * 3600_000;

/** A test kickoff planned at `now`: it starts two days on, reminds a day on, confirms three on. */
export function kickoffTimes(now: Date): { starts: Date; remind: Date; confirm: Date } {
  const later = (days: number) => new Date(now.getTime() + days * DAY_MS);
  return { starts: later(2), remind: later(1), confirm: later(3) };
}

/** A new pair's kickoff, both people invited at `now` (their hours overlap), as kickoffTimes says. */
export async function plannedKickoff(db: Database, now: Date): Promise<Kickoff> {
  const pair = await createActivePair(db.relationships, now);
  const { starts, remind, confirm } = kickoffTimes(now);
  return db.kickoffs.createOnce(
    pair,
    {
      at: starts,
      mentorStartsAt: starts,
      menteeStartsAt: starts,
      mentorRemindAt: remind,
      menteeRemindAt: remind,
      confirmAt: confirm,
      mentorInviteAt: now,
      menteeInviteAt: now,
    },
    now,
  );
}
