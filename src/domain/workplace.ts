import dayjs from "./dayjs.js";

/**
 * "Navigating the workplace": once a month the mentor of an active pair is offered topics to
 * raise with the mentee (WORKPLACE_TOPICS in exchange.ts); their advice is an Exchange.
 */
export interface WorkplacePromptSchedule {
  relationshipId: string;
  /** When the next prompt is due; null once the pair is no longer active. */
  nextAt: Date | null;
}

export interface WorkplaceScheduleStore {
  /** Creates the pair's schedule, or keeps the one that exists. */
  createOnce(relationshipId: string, nextAt: Date): Promise<void>;
  find(relationshipId: string): Promise<WorkplacePromptSchedule | null>;
  /** Moves `nextAt` from `expected` (compare-and-set; a stale writer changes nothing). */
  advance(relationshipId: string, expected: Date, next: Date | null): Promise<boolean>;
  listDue(now: Date, limit: number): Promise<WorkplacePromptSchedule[]>;
}

/**
 * A pair from before these prompts: the first one on the next monthly anniversary of the pair
 * (so a program upgraded at once does not prompt every mentor on the same day).
 */
export function firstPromptAfter(activatedAt: Date, now: Date): Date {
  let months = Math.max(1, dayjs(now).diff(activatedAt, "month"));
  let at = dayjs(activatedAt).add(months, "month");
  while (!at.isAfter(now)) at = dayjs(activatedAt).add(++months, "month");
  return at.toDate();
}

/** The Slack side: one prompt per pair and due time. */
export interface WorkplaceNotifier {
  prompt(relationshipId: string, mentorId: string, menteeId: string, dueAt: Date): Promise<void>;
}
