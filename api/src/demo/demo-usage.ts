import { randomUUID } from "node:crypto";
import {
  type Assignment,
  type DesktopPowerInterval,
  type DesktopSession,
  type Pool,
  ReleaseReason,
  Tenant,
  type User,
} from "@atrium/schema";
import { defaultSeed } from "@atrium/simulator";
import type { DataSource } from "typeorm";
import { acrossTenants, type OneTenantDb } from "../db/index.js";
import { HOUR_MS } from "../modules/metering/usage-calculator.js";
import { hourStartOf, meterTenantHours } from "../modules/metering/usage-metering.service.js";

const DAYS = 7;
const DESKTOPS = 3;

/** The demo seed opens the MSP-wide door as itself. */
const SEED = "demo-seed";

/**
 * A week of office-hours history for each demo tenant's pool (three desktops that ran 07:00–19:00 UTC, each held by
 * one user with two sessions a day), metered right away, so the billing feed and usage summaries have data the
 * first time someone looks. Runs once per tenant (skipped when it has any usage), like the rest of the demo seed.
 */
export async function seedDemoUsage(dataSource: DataSource, tenantSlugs: readonly string[], now: Date): Promise<void> {
  const to = hourStartOf(now);
  const firstDay = new Date(Date.UTC(to.getUTCFullYear(), to.getUTCMonth(), to.getUTCDate() - DAYS));
  for (const slug of tenantSlugs) {
    await acrossTenants(dataSource.manager, "demo seed of every demo tenant", SEED).transaction(async (across) => {
      const tenant = await across.manager.getRepository(Tenant).findOneBy({ slug });
      if (!tenant) return;
      const db = across.forTenant(tenant.id);
      if ((await db.usageRecords.count()) > 0) return;
      const pool = await db.pools.findOne({}, { order: { createdAt: "ASC" } });
      const users = await db.users.find({ order: { username: "ASC" } });
      const people = users.filter((u) => /^user\d+$/.test(u.username)).slice(0, DESKTOPS);
      if (!pool || people.length === 0) return;
      await writeHistory(db, pool, people, firstDay, to);
      await meterTenantHours(db, { from: firstDay, to }, now);
    });
  }
}

async function writeHistory(db: OneTenantDb, pool: Pool, people: User[], firstDay: Date, to: Date): Promise<void> {
  const flavor = defaultSeed().flavors.find((f) => f.id === pool.flavorRef || f.name === pool.flavorRef);
  const size = {
    flavorRef: flavor?.name ?? pool.flavorRef,
    vcpus: flavor?.vcpus ?? 2,
    ramMb: flavor?.ramMb ?? 4096,
    storageGb: pool.bootVolumeGb ?? flavor?.diskGb ?? 64,
  };
  const stretches: Partial<DesktopPowerInterval>[] = [];
  const assignments: Partial<Assignment>[] = [];
  const sessions: Partial<DesktopSession>[] = [];
  const clip = (at: Date) => (at.getTime() > to.getTime() ? to : at);
  for (const [index, user] of people.entries()) {
    // Retired before today: these desktops are history, never confused with the pool's live ones.
    const desktopId = randomUUID();
    const base = { tenantId: pool.tenantId, desktopId, poolId: pool.id, ...size };
    let stoppedSince = firstDay;
    for (let day = 0; day < DAYS; day += 1) {
      const at = (hour: number, minute = 0) =>
        new Date(firstDay.getTime() + day * 24 * HOUR_MS + hour * HOUR_MS + minute * 60_000);
      const on = at(7 + (index % 2));
      const off = at(18 + index);
      if (on.getTime() >= to.getTime()) break;
      stretches.push(
        { ...base, powerState: "stopped", startedAt: stoppedSince, endedAt: on },
        { ...base, powerState: "running", startedAt: on, endedAt: clip(off) },
      );
      stoppedSince = clip(off);
      assignments.push({
        tenantId: pool.tenantId,
        desktopId,
        userId: user.id,
        poolId: pool.id,
        assignedAt: at(8),
        releasedAt: clip(at(17)),
        releaseReason: ReleaseReason.TIMER_LOGOUT,
      });
      for (const [start, end] of [
        [at(8, 15), at(12)],
        [at(13), at(16, 45)],
      ] as const) {
        if (start.getTime() >= to.getTime()) continue;
        sessions.push({
          tenantId: pool.tenantId,
          desktopId,
          userId: user.id,
          username: user.username,
          state: "ended",
          protocol: "RDP",
          startedAt: start,
          endedAt: clip(end),
          endReason: "logout",
        });
      }
    }
    stretches.push({ ...base, powerState: "stopped", startedAt: stoppedSince, endedAt: to });
  }
  await db.desktopPowerIntervals.insertMany(stretches.filter((s) => s.endedAt! > s.startedAt!));
  await db.assignments.insertMany(assignments.filter((a) => a.releasedAt! > a.assignedAt!));
  await db.desktopSessions.insertMany(sessions);
}
