import type { PowerState } from "@atrium/schema";

export const HOUR_MS = 3_600_000;

export interface PowerStretch {
  desktopId: string;
  poolId: string;
  powerState: PowerState;
  flavorRef: string;
  vcpus: number;
  ramMb: number;
  storageGb: number;
  startedAt: Date;
  /** Null while the stretch is still open. */
  endedAt: Date | null;
}

export interface AssignmentSpan {
  desktopId: string;
  poolId: string;
  userId: string;
  assignedAt: Date;
  releasedAt: Date | null;
}

export interface SessionSpan {
  desktopId: string;
  /** Null for a rogue login the broker could not map to a user. */
  userId: string | null;
  startedAt: Date;
  endedAt: Date | null;
}

export interface MeterInput {
  /** Whole UTC hours: `from` inclusive, `to` exclusive; open spans are cut at `to`. */
  from: Date;
  to: Date;
  stretches: PowerStretch[];
  assignments: AssignmentSpan[];
  sessions: SessionSpan[];
  /** Pool of each desktop still in the inventory (sessions carry no pool of their own). */
  desktopPools: Map<string, string>;
  /** Current flavor of each pool, for time a desktop had no power history (never built, or built before metering). */
  poolFlavors: Map<string, string>;
}

/** Integer totals for one hour and dimension; converted to decimals only at the end, so nothing is rounded twice. */
export interface UsageTotals {
  hourStart: Date;
  poolId: string;
  flavorRef: string;
  userId: string | null;
  poweredOnMs: bigint;
  assignedMs: bigint;
  sessionMs: bigint;
  vcpuMs: bigint;
  ramMbMs: bigint;
  storageGbMs: bigint;
}

interface Piece {
  start: number;
  end: number;
}

/** `[start, end)` cut to the metered window and split at every UTC hour boundary. */
function hourPieces(start: Date, end: Date | null, from: number, to: number): Piece[] {
  const first = Math.max(start.getTime(), from);
  const last = Math.min(end?.getTime() ?? to, to);
  const pieces: Piece[] = [];
  for (let hour = Math.floor(first / HOUR_MS) * HOUR_MS; hour < last; hour += HOUR_MS) {
    const piece = { start: Math.max(first, hour), end: Math.min(last, hour + HOUR_MS) };
    if (piece.end > piece.start) pieces.push(piece);
  }
  return pieces;
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const list = groups.get(key(item));
    if (list) list.push(item);
    else groups.set(key(item), [item]);
  }
  return groups;
}

/**
 * Turns power, assignment and session history into hourly totals per pool, flavor and user. A pure function of its
 * input: re-metering the same hours from the same history gives the same totals, which is what makes re-runs replace
 * rather than add. Powered-on, vCPU, RAM and storage time of a desktop goes to whoever held the desktop at that
 * moment (null when nobody did); assigned and session time to the assignment's and session's user.
 */
export function meterUsage(input: MeterInput): UsageTotals[] {
  const from = input.from.getTime();
  const to = input.to.getTime();
  const totals = new Map<string, UsageTotals>();
  const stretchesByDesktop = groupBy(
    [...input.stretches].sort((a, b) => a.startedAt.getTime() - b.startedAt.getTime()),
    (s) => s.desktopId,
  );
  const assignmentsByDesktop = groupBy(
    [...input.assignments].sort((a, b) => a.assignedAt.getTime() - b.assignedAt.getTime()),
    (a) => a.desktopId,
  );

  const bucket = (hourStart: number, poolId: string, flavorRef: string, userId: string | null): UsageTotals => {
    const key = `${hourStart}|${poolId}|${flavorRef}|${userId ?? ""}`;
    let entry = totals.get(key);
    if (!entry) {
      entry = {
        hourStart: new Date(hourStart),
        poolId,
        flavorRef,
        userId,
        poweredOnMs: 0n,
        assignedMs: 0n,
        sessionMs: 0n,
        vcpuMs: 0n,
        ramMbMs: 0n,
        storageGbMs: 0n,
      };
      totals.set(key, entry);
    }
    return entry;
  };
  const hourOf = (ms: number) => Math.floor(ms / HOUR_MS) * HOUR_MS;
  const flavorAt = (desktopId: string, poolId: string, at: number): string => {
    const stretches = stretchesByDesktop.get(desktopId) ?? [];
    const current = stretches.findLast((s) => s.startedAt.getTime() <= at) ?? stretches[0];
    return current?.flavorRef ?? input.poolFlavors.get(poolId) ?? "unknown";
  };

  for (const stretch of input.stretches) {
    const assignments = assignmentsByDesktop.get(stretch.desktopId) ?? [];
    for (const piece of hourPieces(stretch.startedAt, stretch.endedAt, from, to)) {
      for (const part of splitByHolder(piece, assignments)) {
        const ms = BigInt(part.end - part.start);
        const entry = bucket(hourOf(piece.start), stretch.poolId, stretch.flavorRef, part.userId);
        entry.storageGbMs += BigInt(stretch.storageGb) * ms;
        if (stretch.powerState === "running") {
          entry.poweredOnMs += ms;
          entry.vcpuMs += BigInt(stretch.vcpus) * ms;
          entry.ramMbMs += BigInt(stretch.ramMb) * ms;
        }
      }
    }
  }
  for (const assignment of input.assignments) {
    for (const piece of hourPieces(assignment.assignedAt, assignment.releasedAt, from, to)) {
      const flavorRef = flavorAt(assignment.desktopId, assignment.poolId, piece.start);
      bucket(hourOf(piece.start), assignment.poolId, flavorRef, assignment.userId).assignedMs += BigInt(
        piece.end - piece.start,
      );
    }
  }
  for (const session of input.sessions) {
    const poolId =
      input.desktopPools.get(session.desktopId) ??
      stretchesByDesktop.get(session.desktopId)?.[0]?.poolId ??
      assignmentsByDesktop.get(session.desktopId)?.[0]?.poolId;
    // A session on a desktop that left no trace at all cannot be billed to a pool; there is nothing to attach it to.
    if (!poolId) continue;
    for (const piece of hourPieces(session.startedAt, session.endedAt, from, to)) {
      const flavorRef = flavorAt(session.desktopId, poolId, piece.start);
      bucket(hourOf(piece.start), poolId, flavorRef, session.userId).sessionMs += BigInt(piece.end - piece.start);
    }
  }
  return [...totals.values()].sort(
    (a, b) =>
      a.hourStart.getTime() - b.hourStart.getTime() ||
      a.poolId.localeCompare(b.poolId) ||
      a.flavorRef.localeCompare(b.flavorRef) ||
      (a.userId ?? "").localeCompare(b.userId ?? ""),
  );
}

/** Splits a piece of a desktop's time by who held the desktop (its assignments, sorted by start); gaps are null. */
function splitByHolder(piece: Piece, assignments: AssignmentSpan[]): (Piece & { userId: string | null })[] {
  const parts: (Piece & { userId: string | null })[] = [];
  let cursor = piece.start;
  for (const assignment of assignments) {
    const start = Math.max(assignment.assignedAt.getTime(), cursor);
    const end = Math.min(assignment.releasedAt?.getTime() ?? Number.POSITIVE_INFINITY, piece.end);
    if (end <= start) continue;
    if (start > cursor) parts.push({ start: cursor, end: start, userId: null });
    // Overlapping assignments (which the broker never writes) must not count the same time twice.
    parts.push({ start, end, userId: assignment.userId });
    cursor = end;
    if (cursor >= piece.end) break;
  }
  if (cursor < piece.end) parts.push({ start: cursor, end: piece.end, userId: null });
  return parts;
}
