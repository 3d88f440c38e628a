import dayjs from "./dayjs.js";
import { localToInstant } from "./zoned-time.js";

const OPENS = 9;
const CLOSES = 18;

/**
 * The first moment at or after `at` that is inside working hours (Mon–Fri,
 * 09:00–18:00) where the person is: reminders never buzz at night or on weekends.
 */
export function nextWorkingTime(at: Date, zone: string): Date {
  let local = dayjs(at).tz(zone);
  for (let i = 0; i < 8; i++) {
    const weekday = local.day(); // 0 = Sunday
    const isWorkday = weekday >= 1 && weekday <= 5;
    const hour = local.hour() + local.minute() / 60;
    if (isWorkday && hour >= OPENS && hour < CLOSES) return local.toDate();
    if (isWorkday && hour < OPENS) {
      return localToInstant(local.format("YYYY-MM-DD"), "09:00", zone);
    }
    const tomorrow = local.add(1, "day").format("YYYY-MM-DD");
    local = dayjs(localToInstant(tomorrow, "00:00", zone)).tz(zone);
  }
  return at;
}
