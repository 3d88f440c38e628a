import { type Cadence, WEEKDAY_LABELS } from "../../domain/cadence.js";

/** "every Monday at 10:00", "every other Friday at 09:30", "the first Tuesday of each month at 10:00". */
export function describeCadence(cadence: Cadence): string {
  const day = WEEKDAY_LABELS[cadence.weekday - 1];
  switch (cadence.frequency) {
    case "weekly":
      return `every ${day} at ${cadence.time}`;
    case "biweekly":
      return `every other ${day} at ${cadence.time}`;
    case "monthly":
      return `the first ${day} of each month at ${cadence.time}`;
  }
}
