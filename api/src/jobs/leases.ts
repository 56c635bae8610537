import { Lease } from "@atrium/schema";
import type { DataSource } from "typeorm";
import { dialectOf, isUniqueViolation, timestampParam } from "../db/dialect.js";
import type { Clock } from "./job-definition.js";
import { LeaseLostError } from "./lease.errors.js";

export interface LeaseOptions {
  /**
   * Time written to and compared against `expires_at`. Every process sharing leases must agree on it within a
   * small fraction of the TTL (NTP), because expiry is decided by the caller's clock, not the database's.
   */
  clock?: Clock;
}

export interface WithLeaseOptions extends LeaseOptions {
  /** How often `withLease` renews; default a third of the TTL, leaving two tries before expiry. */
  renewEveryMs?: number;
}

export type LeaseOutcome<T> = { acquired: true; value: T } | { acquired: false };

function check(name: string, holder: string, ttlMs: number): void {
  if (!name || name.length > 200) throw new Error("lease name must be 1–200 characters");
  if (!holder || holder.length > 100) throw new Error("lease holder must be 1–100 characters");
  if (!(ttlMs > 0)) throw new Error("lease ttlMs must be positive");
}

/**
 * Takes the lease when it is ours already (renewal) or expired (takeover), in one conditional UPDATE: the database
 * re-checks the WHERE under the row lock, so of two racers for an expired lease only one matches.
 */
export function leaseTakeoverQuery(dataSource: DataSource, name: string, holder: string, now: Date, ttlMs: number) {
  return dataSource
    .createQueryBuilder()
    .update(Lease)
    .set({
      holder,
      expiresAt: new Date(now.getTime() + ttlMs),
      // Keep the original acquisition time across renewals; a takeover starts a new tenure.
      acquiredAt: () => `CASE WHEN "holder" = :holder THEN "acquired_at" ELSE :now END`,
    })
    .where(`"name" = :name AND ("holder" = :holder OR "expires_at" < :now)`, {
      name,
      holder,
      now: timestampParam(dialectOf(dataSource), now),
    });
}

async function takeIfFree(dataSource: DataSource, name: string, holder: string, now: Date, ttlMs: number) {
  const result = await leaseTakeoverQuery(dataSource, name, holder, now, ttlMs).execute();
  return (result.affected ?? 0) > 0;
}

/** True when `holder` now holds `name` for `ttlMs` from the clock's now (new, renewed, or taken over after expiry). */
export async function acquireLease(
  dataSource: DataSource,
  name: string,
  holder: string,
  ttlMs: number,
  options: LeaseOptions = {},
): Promise<boolean> {
  check(name, holder, ttlMs);
  const now = (options.clock ?? (() => new Date()))();
  if (await takeIfFree(dataSource, name, holder, now, ttlMs)) return true;
  try {
    await dataSource
      .createQueryBuilder()
      .insert()
      .into(Lease)
      .values({ name, holder, expiresAt: new Date(now.getTime() + ttlMs), acquiredAt: now })
      .execute();
    return true;
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
  }
  // Someone inserted the row between our UPDATE and INSERT. Outside a transaction the failed INSERT costs nothing;
  // one more conditional UPDATE covers the case where that row is already expired (or is ours).
  return takeIfFree(dataSource, name, holder, now, ttlMs);
}

/** Extends our lease; false when it is no longer ours (taken over, or released). */
export async function renewLease(
  dataSource: DataSource,
  name: string,
  holder: string,
  ttlMs: number,
  options: LeaseOptions = {},
): Promise<boolean> {
  check(name, holder, ttlMs);
  const now = (options.clock ?? (() => new Date()))();
  // No expiry check: while the row still names us nobody else can have acted, because taking over rewrites it.
  const result = await dataSource
    .createQueryBuilder()
    .update(Lease)
    .set({ expiresAt: new Date(now.getTime() + ttlMs) })
    .where(`"name" = :name AND "holder" = :holder`, { name, holder })
    .execute();
  return (result.affected ?? 0) > 0;
}

/** Gives the lease up so another holder need not wait for expiry; false when it was not ours. */
export async function releaseLease(dataSource: DataSource, name: string, holder: string): Promise<boolean> {
  const result = await dataSource
    .createQueryBuilder()
    .delete()
    .from(Lease)
    .where(`"name" = :name AND "holder" = :holder`, { name, holder })
    .execute();
  return (result.affected ?? 0) > 0;
}

/**
 * Runs `fn` only while holding the lease: renews in the background and aborts `fn`'s signal as soon as renewal is
 * refused or the lease would expire locally without a successful renewal (a slow database must not let two
 * holders act at once). Resolves `{acquired: false}` without running `fn` when the lease is held by someone else;
 * throws `LeaseLostError` when the lease was lost while `fn` ran, whatever `fn` returned.
 */
export async function withLease<T>(
  dataSource: DataSource,
  name: string,
  holder: string,
  ttlMs: number,
  fn: (signal: AbortSignal) => Promise<T>,
  options: WithLeaseOptions = {},
): Promise<LeaseOutcome<T>> {
  check(name, holder, ttlMs);
  let sentAt = performance.now();
  if (!(await acquireLease(dataSource, name, holder, ttlMs, options))) return { acquired: false };

  const controller = new AbortController();
  const lose = () => {
    if (!controller.signal.aborted) controller.abort(new LeaseLostError(name, holder));
  };
  // Local expiry is measured from when the request was sent, so it is never later than the database's.
  const deadlineIn = () => Math.max(0, ttlMs - (performance.now() - sentAt));
  let deadline = setTimeout(lose, deadlineIn());
  let renewing = false;
  const renewer = setInterval(
    () => {
      if (renewing || controller.signal.aborted) return;
      renewing = true;
      const attemptAt = performance.now();
      renewLease(dataSource, name, holder, ttlMs, options)
        .then((ours) => {
          if (!ours) return lose();
          sentAt = attemptAt;
          clearTimeout(deadline);
          deadline = setTimeout(lose, deadlineIn());
        })
        // A failed renewal is retried on the next tick; the local deadline aborts if none succeeds in time.
        .catch(() => undefined)
        .finally(() => {
          renewing = false;
        });
    },
    Math.max(1, Math.floor(options.renewEveryMs ?? ttlMs / 3)),
  );

  try {
    const value = await fn(controller.signal);
    if (controller.signal.aborted) throw controller.signal.reason;
    return { acquired: true, value };
  } catch (error) {
    throw controller.signal.aborted ? controller.signal.reason : error;
  } finally {
    clearInterval(renewer);
    clearTimeout(deadline);
    // Best effort: if this fails the lease simply expires.
    await releaseLease(dataSource, name, holder).catch(() => false);
  }
}
