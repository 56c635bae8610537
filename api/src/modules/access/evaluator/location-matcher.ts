import type { ClientKind } from "@atrium/schema";
import { previousWeekday, wallTimeIn } from "../../../time/zoned-time.util.js";
import { ipInAnyRange, parseIpLoose } from "./ip-address.util.js";
import type { CompiledLocation, CompiledTimeWindow } from "./location.types.js";

/** What we know about the client at the moment of the decision. */
export interface ClientContext {
  /** Resolved client address (see resolveClientAddress); null when it could not be determined. */
  readonly ip: string | null;
  readonly kind: ClientKind;
  /** True when the request arrived through our gateway (verified by the caller, never by a client claim). */
  readonly viaGateway: boolean;
}

/**
 * Three-valued on purpose: "unknown" (client address unknown, clock unreadable) is not the same as
 * "no_match". An allow rule treats unknown as no match; a deny rule treats it as a match. That is how
 * missing information fails closed in both directions.
 */
export type MatchOutcome = "match" | "no_match" | "unknown";

export interface LocationMatch {
  readonly outcome: MatchOutcome;
  readonly why: string;
}

/**
 * Checks one time window at `now`. Wall-clock semantics: "09:00-17:00 Europe/Berlin" means what a clock on
 * a Berlin wall shows, on DST change days too. Returns null when the instant cannot be read in the zone.
 */
export function isWithinTimeWindow(window: CompiledTimeWindow, now: Date): boolean | null {
  const wall = wallTimeIn(now, window.timeZone);
  if (!wall) {
    return null;
  }
  const { weekday, minuteOfDay } = wall;
  if (window.startMinute < window.endMinute) {
    return window.days.has(weekday) && minuteOfDay >= window.startMinute && minuteOfDay < window.endMinute;
  }
  // Crosses midnight: the evening part belongs to today's window, the early-morning part to yesterday's.
  return (
    (window.days.has(weekday) && minuteOfDay >= window.startMinute) ||
    (window.days.has(previousWeekday(weekday)) && minuteOfDay < window.endMinute)
  );
}

function matchTime(windows: readonly CompiledTimeWindow[], now: Date): MatchOutcome {
  if (windows.length === 0) {
    return "match";
  }
  let unreadable = false;
  for (const window of windows) {
    const inside = isWithinTimeWindow(window, now);
    if (inside === true) {
      return "match";
    }
    if (inside === null) {
      unreadable = true;
    }
  }
  return unreadable ? "unknown" : "no_match";
}

/**
 * Matches a client against a location: every dimension must match. A definite mismatch in any dimension
 * decides "no_match" even if another is unknown (the location cannot apply whatever the unknown value is).
 */
export function matchLocation(location: CompiledLocation, client: ClientContext, now: Date): LocationMatch {
  const failures: string[] = [];
  const unknowns: string[] = [];

  if (!location.clientKinds.has(client.kind)) {
    failures.push(`client kind '${client.kind}' not allowed`);
  }
  if (location.viaGateway !== "any" && location.viaGateway !== client.viaGateway) {
    failures.push(location.viaGateway ? "requires the gateway" : "requires a direct connection");
  }

  const time = matchTime(location.timeWindows, now);
  if (time === "no_match") {
    failures.push("outside its time windows");
  } else if (time === "unknown") {
    unknowns.push("time could not be read");
  }

  const address = client.ip === null ? null : parseIpLoose(client.ip);
  if (!address) {
    unknowns.push("client address unknown");
  } else if (!ipInAnyRange(address, location.ranges)) {
    failures.push(`address ${client.ip} not in its ranges`);
  }

  const label = `location '${location.name}' (${location.id})`;
  if (failures.length > 0) {
    return { outcome: "no_match", why: `${label}: ${failures.join(", ")}` };
  }
  if (unknowns.length > 0) {
    return { outcome: "unknown", why: `${label}: ${unknowns.join(", ")}` };
  }
  return { outcome: "match", why: `${label} matched` };
}
