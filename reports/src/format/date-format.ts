// Date rendering in a report's IANA zone without a timezone library: Intl gives the wall-clock parts,
// and the offset is derived from them so the output is valid ISO 8601 (`2024-03-31T03:30:00+02:00`).

const partsFormatters = new Map<string, Intl.DateTimeFormat>();

function partsFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = partsFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    partsFormatters.set(timeZone, formatter);
  }
  return formatter;
}

export interface WallClock {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  /** Minutes east of UTC at that instant. */
  readonly offsetMinutes: number;
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone });
    return true;
  } catch {
    return false;
  }
}

function intlWallClock(date: Date, timeZone: string): WallClock {
  const parts: Record<string, number> = {};
  for (const part of partsFormatter(timeZone).formatToParts(date)) {
    if (part.type !== "literal") parts[part.type] = Number(part.value);
  }
  const wallAsUtc = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
  // Sub-second precision is dropped by Intl, so compare against the instant truncated to the second.
  const instant = Math.floor(date.getTime() / 1000) * 1000;
  return {
    year: parts.year,
    month: parts.month,
    day: parts.day,
    hour: parts.hour,
    minute: parts.minute,
    second: parts.second,
    offsetMinutes: Math.round((wallAsUtc - instant) / 60_000),
  };
}

/** Per zone, the UTC offset of the last minute asked about: report rows come in time order, many per minute. */
const offsetOfMinute = new Map<string, { minute: number; offsetMinutes: number }>();

export function wallClock(date: Date, timeZone: string): WallClock {
  const minute = Math.floor(date.getTime() / 60_000);
  const cached = offsetOfMinute.get(timeZone);
  if (cached?.minute !== minute) {
    const exact = intlWallClock(date, timeZone);
    offsetOfMinute.set(timeZone, { minute, offsetMinutes: exact.offsetMinutes });
    return exact;
  }
  // Zones change offset only on whole minutes, so within one minute the wall clock is the instant shifted by the
  // cached offset. Intl.formatToParts costs microseconds per call; a million-row CSV calls this once per row.
  const wall = new Date(Math.floor(date.getTime() / 1000) * 1000 + cached.offsetMinutes * 60_000);
  return {
    year: wall.getUTCFullYear(),
    month: wall.getUTCMonth() + 1,
    day: wall.getUTCDate(),
    hour: wall.getUTCHours(),
    minute: wall.getUTCMinutes(),
    second: wall.getUTCSeconds(),
    offsetMinutes: cached.offsetMinutes,
  };
}

const pad = (value: number, width = 2): string => String(value).padStart(width, "0");

function offsetSuffix(offsetMinutes: number): string {
  if (offsetMinutes === 0) return "Z";
  const sign = offsetMinutes > 0 ? "+" : "-";
  const abs = Math.abs(offsetMinutes);
  return `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** ISO 8601 with seconds and an explicit offset (`Z` for UTC). */
export function isoDateTime(date: Date, timeZone: string): string {
  const c = wallClock(date, timeZone);
  return `${pad(c.year, 4)}-${pad(c.month)}-${pad(c.day)}T${pad(c.hour)}:${pad(c.minute)}:${pad(c.second)}${offsetSuffix(c.offsetMinutes)}`;
}

/** Calendar date (`YYYY-MM-DD`) of the instant in the zone. */
export function isoDate(date: Date, timeZone: string): string {
  const c = wallClock(date, timeZone);
  return `${pad(c.year, 4)}-${pad(c.month)}-${pad(c.day)}`;
}

/** Human form for PDFs: `2024-03-31 03:30`; the zone is printed once on the cover, not in every cell. */
export function displayDateTime(date: Date, timeZone: string): string {
  const c = wallClock(date, timeZone);
  return `${pad(c.year, 4)}-${pad(c.month)}-${pad(c.day)} ${pad(c.hour)}:${pad(c.minute)}`;
}

/** `HH:00` label of the hour bucket the instant falls in, e.g. for "logins per hour" charts. */
export function hourLabel(date: Date, timeZone: string): string {
  const c = wallClock(date, timeZone);
  return `${pad(c.month)}-${pad(c.day)} ${pad(c.hour)}:00`;
}
