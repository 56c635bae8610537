import { isEnumValue, type Pool, type PoolScheduleWindow, Weekday } from "@atrium/schema";
import { WEEKDAYS, wallTimeIn } from "../../time/zoned-time.util.js";

export interface PoolSizes {
  minTotal: number;
  maxTotal: number;
  minAvailable: number;
  minRunning: number;
}

export interface EffectiveSizes extends PoolSizes {
  /** Index of the schedule window in force, or null for the pool's base sizes. */
  windowIndex: number | null;
}

const HH_MM = /^([01]\d|2[0-3]):([0-5]\d)$/;

export function parseHhMm(value: string): number | null {
  const match = HH_MM.exec(value);
  return match ? Number(match[1]) * 60 + Number(match[2]) : null;
}

/**
 * Sizes in force at `now`: the first open window's overrides on top of the pool's own. A window whose end is at or
 * before its start runs past midnight and belongs to the day it starts on (Fri 22:00–02:00 is open early Saturday).
 */
export function effectiveSizes(
  pool: Pick<Pool, "minTotal" | "maxTotal" | "minAvailable" | "minRunning" | "schedule" | "timeZone">,
  now: Date,
): EffectiveSizes {
  const base: EffectiveSizes = {
    minTotal: pool.minTotal,
    maxTotal: pool.maxTotal,
    minAvailable: pool.minAvailable,
    minRunning: pool.minRunning,
    windowIndex: null,
  };
  const wall = wallTimeIn(now, pool.timeZone);
  if (!wall || !pool.schedule) return base;
  const today = WEEKDAYS.indexOf(wall.weekday);
  const yesterday = WEEKDAYS[(today + 6) % 7]!;
  for (const [index, window] of pool.schedule.entries()) {
    if (isOpen(window, wall.weekday, yesterday, wall.minuteOfDay)) {
      return {
        minTotal: window.minTotal ?? base.minTotal,
        maxTotal: window.maxTotal ?? base.maxTotal,
        minAvailable: window.minAvailable ?? base.minAvailable,
        minRunning: window.minRunning ?? base.minRunning,
        windowIndex: index,
      };
    }
  }
  return base;
}

function isOpen(window: PoolScheduleWindow, today: Weekday, yesterday: Weekday, minute: number): boolean {
  const start = parseHhMm(window.start);
  const end = parseHhMm(window.end);
  if (start === null || end === null) return false;
  if (end > start) return window.days.includes(today) && minute >= start && minute < end;
  // Crosses midnight: the evening part today, or the morning part of a window that started yesterday.
  return (window.days.includes(today) && minute >= start) || (window.days.includes(yesterday) && minute < end);
}

/** Why a schedule is unusable, or null. */
export function scheduleProblem(windows: PoolScheduleWindow[]): string | null {
  for (const [index, window] of windows.entries()) {
    const where = `schedule[${index}]`;
    if (window.days.length === 0) return `${where}: pick at least one day`;
    // Stored schedules are JSON: a day the GraphQL enum would refuse can still reach here from an old row.
    const unknown = window.days.find((day) => !isEnumValue(Weekday, day));
    if (unknown) return `${where}: unknown day "${unknown}" (use ${WEEKDAYS.join(", ")})`;
    if (parseHhMm(window.start) === null || parseHhMm(window.end) === null) {
      return `${where}: start and end must be HH:MM (24-hour)`;
    }
    if (window.start === window.end) return `${where}: start and end must differ`;
    const sizes = { ...window };
    if (sizes.minTotal != null && sizes.maxTotal != null && sizes.minTotal > sizes.maxTotal) {
      return `${where}: minTotal exceeds maxTotal`;
    }
  }
  return null;
}
