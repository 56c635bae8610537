import { ClientKind, enumValues, type Weekday } from "@atrium/schema";
import { z } from "zod";
import { isValidTimeZone, parseClockTime, WEEKDAYS } from "../../../time/zoned-time.util.js";
import { type IpRange, parseCidr } from "./ip-address.util.js";

/** How the user reached us: the portal in a browser, a native client app, or the API with a key. */
export const CLIENT_KINDS = enumValues(ClientKind);

const clockTime = z
  .string()
  .refine((value) => value !== "24:00" && parseClockTime(value) !== null, { message: "expected HH:MM (00:00-23:59)" });
const endClockTime = z
  .string()
  .refine((value) => parseClockTime(value) !== null, { message: "expected HH:MM (00:00-23:59) or 24:00" });

/**
 * A weekly window in a named IANA zone. `days` are the local days on which the window *starts*; when
 * `end` <= `start` the window runs past midnight into the next local day (22:00-06:00 on fri covers
 * Friday night until Saturday 06:00). `end` is exclusive. `24:00` means end of day.
 */
export const timeWindowSchema = z
  .strictObject({
    days: z.array(z.enum(WEEKDAYS)).min(1),
    start: clockTime,
    end: endClockTime,
    timeZone: z.string().refine(isValidTimeZone, { message: "unknown IANA time zone" }),
  })
  .refine((window) => parseClockTime(window.start) !== parseClockTime(window.end), {
    message: "start and end must differ (use 00:00-24:00 for a whole day)",
  });
export type TimeWindow = z.infer<typeof timeWindowSchema>;

const cidrText = z.string().refine((value) => parseCidr(value) !== null, {
  message: "expected an IPv4/IPv6 address or CIDR range",
});

/**
 * A Location: a named set of conditions about *where and how* a client connects. All conditions must
 * hold. Every dimension is explicit (no empty list means "anything"), so a location cannot silently widen
 * to "everywhere" because a list was cleared: "any address" is written `0.0.0.0/0` plus `::/0`.
 * Extra keys (database columns such as tenantId) are ignored.
 */
export const locationSchema = z.object({
  id: z.string().min(1),
  name: z.string().trim().min(1).max(200),
  /** Client address ranges; the client must be in at least one. IPv4 clients never match IPv6 ranges. */
  cidrs: z.array(cidrText).min(1),
  /** Client kinds allowed at this location; at least one. */
  clientKinds: z.array(z.enum(CLIENT_KINDS)).min(1),
  /** Whether the request must (true), must not (false) or may ("any") have come through our gateway. */
  viaGateway: z.union([z.boolean(), z.literal("any")]),
  /** Windows when the location applies (any one suffices). Empty = at all times. */
  timeWindows: z.array(timeWindowSchema),
});
export type Location = z.infer<typeof locationSchema>;

/** A time window with its clock times resolved to minutes since local midnight. */
export interface CompiledTimeWindow {
  readonly days: ReadonlySet<Weekday>;
  readonly startMinute: number;
  readonly endMinute: number;
  readonly timeZone: string;
}

/** A validated location, pre-parsed for fast matching. */
export interface CompiledLocation {
  readonly id: string;
  readonly name: string;
  readonly ranges: readonly IpRange[];
  readonly clientKinds: ReadonlySet<ClientKind>;
  readonly viaGateway: boolean | "any";
  readonly timeWindows: readonly CompiledTimeWindow[];
}

export type LocationParseResult =
  | { readonly ok: true; readonly location: CompiledLocation }
  | { readonly ok: false; readonly id: string | null; readonly error: string };

/** Compact, single-line rendering of zod issues for traces and logs. */
export function describeZodError(error: z.ZodError): string {
  return error.issues
    .map((issue) => `${issue.path.length > 0 ? issue.path.join(".") : "(root)"}: ${issue.message}`)
    .join("; ");
}

/**
 * Validates a stored location. Never throws: a location that cannot be parsed is reported, and the
 * evaluator treats any rule that references it as a deny (fail closed).
 */
export function parseLocation(raw: unknown): LocationParseResult {
  const parsed = locationSchema.safeParse(raw);
  if (!parsed.success) {
    const id =
      typeof raw === "object" && raw !== null && typeof (raw as { id?: unknown }).id === "string"
        ? (raw as { id: string }).id
        : null;
    return { ok: false, id, error: describeZodError(parsed.error) };
  }
  const location = parsed.data;
  return {
    ok: true,
    location: {
      id: location.id,
      name: location.name,
      ranges: location.cidrs.map((cidr) => parseCidr(cidr)!),
      clientKinds: new Set(location.clientKinds),
      viaGateway: location.viaGateway,
      timeWindows: location.timeWindows.map((window) => ({
        days: new Set(window.days),
        startMinute: parseClockTime(window.start)!,
        endMinute: parseClockTime(window.end)!,
        timeZone: window.timeZone,
      })),
    },
  };
}
