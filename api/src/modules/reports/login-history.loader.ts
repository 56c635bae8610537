import type { LoginHistoryRow, LoginOutcome } from "@atrium/reports";
import type { ObjectLiteral, SelectQueryBuilder } from "typeorm";
import { type AnyDb, acrossTenants } from "../../db/index.js";
import { keysetRows } from "./keyset-pages.js";
import type { ReportPeriodRange } from "./report-scope.js";

export interface LoginHistoryRaw {
  id: string;
  time: Date;
  username: string;
  clientIp: string;
  providerName: string | null;
  providerKind: string;
  mfa: string;
  outcome: string;
  reason: string | null;
  location: string | null;
}

export const LOGIN_KEYSET = { time: "e.created_at", id: "e.id" };

/**
 * Sign-in attempts of the scope in the period. `mfa_required` rows are the first half of a two-step sign-in whose
 * outcome is recorded separately, so they are not attempts of their own.
 */
export function loginHistoryQuery(db: AnyDb, period: ReportPeriodRange): SelectQueryBuilder<ObjectLiteral> {
  const query: SelectQueryBuilder<ObjectLiteral> = db.loginEvents.query("e");
  acrossTenants(
    db.manager,
    "a login event names its identity provider, which may be the MSP's",
    "login-history report",
  ).identityProviders.join(query, "p", "p.id = e.provider_id", "left");
  return query
    .select("e.id", "id")
    .addSelect("e.created_at", "time")
    .addSelect("e.username", "username")
    .addSelect("e.client_ip", "clientIp")
    .addSelect("p.name", "providerName")
    .addSelect("e.provider_kind", "providerKind")
    .addSelect("e.mfa", "mfa")
    .addSelect("e.outcome", "outcome")
    .addSelect("e.reason", "reason")
    .addSelect("e.location", "location")
    .andWhere("e.created_at >= :from AND e.created_at < :to", { from: period.from, to: period.to })
    .andWhere("e.outcome <> :step", { step: "mfa_required" });
}

/**
 * Locked and throttled attempts never reached the credential check, and access-rule refusals came after it: the
 * policy refused them all, so they are denials rather than failures.
 */
function reportOutcome(outcome: string, reason: string | null): LoginOutcome {
  if (outcome === "success") return "success";
  if (outcome === "locked" || outcome === "throttled") return "denied";
  return reason?.startsWith("access_denied") ? "denied" : "failure";
}

export function toLoginHistoryRow(raw: LoginHistoryRaw): LoginHistoryRow {
  return {
    time: new Date(raw.time),
    user: raw.username,
    sourceIp: raw.clientIp,
    location: raw.location || null,
    identityProvider: raw.providerName ?? raw.providerKind,
    mfa: raw.mfa === "none" ? null : raw.mfa.toUpperCase(),
    outcome: reportOutcome(raw.outcome, raw.reason),
    reason: raw.reason,
  };
}

/** Streams the rows in time order, one keyset page in memory at a time. */
export async function* loginHistoryRows(
  db: AnyDb,
  period: ReportPeriodRange,
  pageSize?: number,
): AsyncGenerator<LoginHistoryRow> {
  const query = loginHistoryQuery(db, period);
  for await (const raw of keysetRows<LoginHistoryRaw>(query, LOGIN_KEYSET, (row) => new Date(row.time), pageSize)) {
    yield toLoginHistoryRow(raw);
  }
}
