/**
 * Wall-clock time in a zone → instant, the same whatever the machine's own
 * date or zone (dayjs.tz guesses the offset from "now", which is wrong near a
 * daylight-saving change).
 * - An ambiguous time (clocks go back: 01:30 happens twice) is the earlier one.
 * - A missing time (clocks go forward: 02:30 never happens) moves forward by the gap (03:30).
 */
export function localToInstant(date: string, time: string, zone: string): Date {
  const [y, mo, d] = date.split("-").map(Number);
  const [h, mi] = time.split(":").map(Number);
  const asUtc = Date.UTC(y ?? 0, (mo ?? 1) - 1, d ?? 1, h ?? 0, mi ?? 0);
  // The offsets in force half a day either side cover any transition near this time.
  const before = offsetMs(zone, asUtc - 12 * 3600_000);
  const after = offsetMs(zone, asUtc + 12 * 3600_000);
  // The same offset on both sides: no change near this time, so exactly one answer.
  if (before === after) return new Date(asUtc - before);
  const offsets = [before, after];
  const matches = offsets
    .map((offset) => asUtc - offset)
    .filter((instant) => asUtc - offsetMs(zone, instant) === instant)
    .sort((a, b) => a - b);
  if (matches[0] !== undefined) return new Date(matches[0]);
  // In a gap: read the wall clock with the offset from before the change.
  return new Date(asUtc - before);
}

/** The local calendar date ("2026-11-23") of an instant in a zone. */
export function localDate(instant: Date, zone: string): string {
  return new Date(instant.getTime() + offsetMs(zone, instant.getTime())).toISOString().slice(0, 10);
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The zone's UTC offset at an instant, in milliseconds (east positive). */
function offsetMs(zone: string, instant: number): number {
  let format = formatters.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", {
      timeZone: zone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(zone, format);
  }
  const parts = Object.fromEntries(
    format.formatToParts(new Date(instant)).map((p) => [p.type, p.value]),
  );
  const wall = Date.UTC(
    Number(parts.year),
    Number(parts.month) - 1,
    Number(parts.day),
    Number(parts.hour),
    Number(parts.minute),
    Number(parts.second),
  );
  return wall - (instant - (((instant % 1000) + 1000) % 1000));
}
