import { enumValues, Weekday } from "@atrium/schema";

/** Monday first: index arithmetic (the previous day) relies on this order. */
export const WEEKDAYS = enumValues(Weekday);

/** Local wall-clock reading of an instant in a time zone. */
export interface WallTime {
  readonly weekday: Weekday;
  /** Minutes since local midnight, 0..1439. */
  readonly minuteOfDay: number;
}

const WEEKDAY_BY_SHORT_NAME: Readonly<Record<string, Weekday>> = {
  Mon: "mon",
  Tue: "tue",
  Wed: "wed",
  Thu: "thu",
  Fri: "fri",
  Sat: "sat",
  Sun: "sun",
};

// Building a DateTimeFormat costs far more than formatting with one; sign-in evaluates many windows.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      weekday: "short",
      hour: "2-digit",
      minute: "2-digit",
      // h23, not hour12:false: some ICU versions print midnight as "24" with hour12:false.
      hourCycle: "h23",
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** True when the runtime's ICU knows the IANA zone (e.g. `Europe/Berlin`); aliases such as `UTC` count. */
export function isValidTimeZone(timeZone: string): boolean {
  if (timeZone.trim() === "") {
    return false;
  }
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/**
 * Reads the local weekday and time of `instant` in `timeZone`. ICU applies the zone's DST rules, so no tz
 * library is needed and a wall-clock comparison is DST-safe by construction: on a spring-forward day the
 * skipped hour simply never appears, on a fall-back day the repeated hour appears twice.
 * Returns null for an invalid instant or unknown zone, so callers can fail closed.
 */
export function wallTimeIn(instant: Date, timeZone: string): WallTime | null {
  if (Number.isNaN(instant.getTime()) || !isValidTimeZone(timeZone)) {
    return null;
  }
  let weekday: Weekday | undefined;
  let hour = Number.NaN;
  let minute = Number.NaN;
  for (const part of formatterFor(timeZone).formatToParts(instant)) {
    if (part.type === "weekday") {
      weekday = WEEKDAY_BY_SHORT_NAME[part.value];
    } else if (part.type === "hour") {
      hour = Number(part.value);
    } else if (part.type === "minute") {
      minute = Number(part.value);
    }
  }
  if (!weekday || !(hour >= 0 && hour < 24) || !(minute >= 0 && minute < 60)) {
    return null;
  }
  return { weekday, minuteOfDay: hour * 60 + minute };
}

/** The weekday before `day` (windows that cross midnight started on the previous local day). */
export function previousWeekday(day: Weekday): Weekday {
  const index = WEEKDAYS.indexOf(day);
  return WEEKDAYS[(index + WEEKDAYS.length - 1) % WEEKDAYS.length];
}

/** Parses `HH:MM` (00:00–23:59) or the end-of-day marker `24:00` to minutes since midnight. */
export function parseClockTime(text: string): number | null {
  const match = /^(\d{2}):(\d{2})$/.exec(text);
  if (!match) {
    return null;
  }
  const hours = Number(match[1]);
  const minutes = Number(match[2]);
  if (hours === 24 && minutes === 0) {
    return 24 * 60;
  }
  return hours < 24 && minutes < 60 ? hours * 60 + minutes : null;
}
