import { wallClock } from "@atrium/reports";
import type { ReportPeriod } from "@atrium/schema";
import type { ReportPeriodRange } from "./report-scope.js";

interface LocalDate {
  year: number;
  month: number;
  day: number;
}

/** The instant at which the wall clock in `timeZone` reads `date` `hour`:00 (the later one in a DST gap). */
export function zonedInstant(date: LocalDate, hour: number, timeZone: string): Date {
  const wall = Date.UTC(date.year, date.month - 1, date.day, hour);
  let guess = wall - wallClock(new Date(wall), timeZone).offsetMinutes * 60_000;
  // The offset at the first guess may be the other side of a DST change; one correction settles it.
  guess = wall - wallClock(new Date(guess), timeZone).offsetMinutes * 60_000;
  return new Date(guess);
}

function shiftDays(date: LocalDate, days: number): LocalDate {
  const shifted = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1, day: shifted.getUTCDate() };
}

function shiftMonths(date: LocalDate, months: number): LocalDate {
  const shifted = new Date(Date.UTC(date.year, date.month - 1 + months, 1));
  return { year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1, day: 1 };
}

/** First local day of the period that contains `date`: itself, its ISO week's Monday, or the 1st of its month. */
function periodStartDay(date: LocalDate, period: ReportPeriod): LocalDate {
  if (period === "daily") return date;
  if (period === "monthly") return { ...date, day: 1 };
  const weekday = (new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay() + 6) % 7;
  return shiftDays(date, -weekday);
}

function nextPeriodDay(date: LocalDate, period: ReportPeriod, step: number): LocalDate {
  if (period === "daily") return shiftDays(date, step);
  if (period === "weekly") return shiftDays(date, 7 * step);
  return shiftMonths(date, step);
}

export interface DuePeriod extends ReportPeriodRange {
  /** When the report for this period is e-mailed: `hour`:00 local time on the day after the period. */
  readonly dueAt: Date;
}

/**
 * The latest whole period whose delivery time has come at `now`: a daily schedule at 07:00 sends yesterday's report
 * at 07:00 today; before 07:00 the latest due period is the day before yesterday. Periods are local days, ISO weeks
 * or months in the schedule's zone, so a day across a DST change is 23 or 25 hours long.
 */
export function latestDuePeriod(
  schedule: { period: ReportPeriod; timeZone: string; hour: number },
  now: Date,
): DuePeriod {
  const clock = wallClock(now, schedule.timeZone);
  let end = periodStartDay({ year: clock.year, month: clock.month, day: clock.day }, schedule.period);
  if (now.getTime() < zonedInstant(end, schedule.hour, schedule.timeZone).getTime()) {
    end = nextPeriodDay(end, schedule.period, -1);
  }
  const start = nextPeriodDay(end, schedule.period, -1);
  return {
    from: zonedInstant(start, 0, schedule.timeZone),
    to: zonedInstant(end, 0, schedule.timeZone),
    dueAt: zonedInstant(end, schedule.hour, schedule.timeZone),
  };
}
