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
  // The offsets in force a day either side cover any change near this time: the instant is
  // up to 14 hours from the wall clock read as UTC (Chatham is UTC+13:45 in summer, so half a
  // day missed its change), and zones change clocks months apart.
  const before = offsetMs(zone, asUtc - 24 * 3600_000);
  const after = offsetMs(zone, asUtc + 24 * 3600_000);
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
  return wallClock(instant, zone).toISOString().slice(0, 10);
}

/** The local time ("09:30") of an instant in a zone. */
export function localTime(instant: Date, zone: string): string {
  return wallClock(instant, zone).toISOString().slice(11, 16);
}

/**
 * The zone's wall clock at an instant, as a Date whose UTC fields read it: format it with
 * `dayjs.utc`, never a local-zone formatter (dayjs's `.tz()` guesses offsets from the
 * machine's own zone, and is an hour off near its daylight-saving changes).
 */
export function wallClock(instant: Date, zone: string): Date {
  return new Date(instant.getTime() + offsetMs(zone, instant.getTime()));
}

const HOUR_MS = 3_600_000;
/** Offsets at the start of each hour, by zone; cleared whole past CACHED_HOURS entries. */
const hourOffsets = new Map<string, Map<number, number>>();
const CACHED_HOURS = 50_000;
let cachedHours = 0;

/**
 * The zone's UTC offset at an instant, in milliseconds (east positive).
 *
 * Why the cache: asking Intl costs a few microseconds, and a sweep asks about the same zones and
 * hours thousands of times. Offsets change at most a few times a year, so when the offset is the
 * same at the start of an hour and at the start of the next, it holds for the whole hour; only
 * the hour of a change is worked out to the instant.
 */
function offsetMs(zone: string, instant: number): number {
  const hour = Math.floor(instant / HOUR_MS);
  const atStart = offsetAtHour(zone, hour);
  if (atStart === offsetAtHour(zone, hour + 1)) return atStart;
  return exactOffsetMs(zone, instant);
}

function offsetAtHour(zone: string, hour: number): number {
  let hours = hourOffsets.get(zone);
  if (!hours) {
    hours = new Map();
    hourOffsets.set(zone, hours);
  }
  let offset = hours.get(hour);
  if (offset === undefined) {
    if (cachedHours >= CACHED_HOURS) {
      // Bounded memory: start over (a sweep's hours are few; the cache refills at once).
      for (const other of hourOffsets.values()) other.clear();
      cachedHours = 0;
    }
    offset = exactOffsetMs(zone, hour * HOUR_MS);
    hours.set(hour, offset);
    cachedHours++;
  }
  return offset;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function exactOffsetMs(zone: string, instant: number): number {
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
