import { META_DESKTOP, poolTag } from "@atrium/api";
import { ensurePackages } from "@atrium/api/testing/test-services";
import { Cloud, Desktop, Lease, Pool, Tenant } from "@atrium/schema";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type MultiNodeStack,
  simulatorCloudRow,
  simulatorPoolRow,
  startMultiNodeStack,
} from "../fixtures/multi-node-stack.js";
import { waitUntil } from "../fixtures/processes.js";

const onPostgres = process.env.DATABASE_URL?.startsWith("postgres") ?? false;
if (!onPostgres) {
  process.stdout.write(
    "scale-out-provisioning: skipped: several worker processes share one database, which needs PostgreSQL (the " +
      "PostgreSQL pass sets DATABASE_URL=postgres://…)\n",
  );
}

const SIZE = Number(process.env.SCALE_OUT_DESKTOPS ?? 200);
const ROUNDS = Number(process.env.SCALE_OUT_ROUNDS ?? 10);
/** The pool controller's lease TTL (pool-controller.ts): the longest a dead worker's pool waits for a takeover. */
const LEASE_TTL_MS = 30_000;

describe.skipIf(!onPostgres)("scale-out: provisioning while a worker is kill -9ed", () => {
  let stack: MultiNodeStack;

  beforeAll(() => ensurePackages("scale-out"));
  beforeAll(async () => {
    stack = await startMultiNodeStack({ apis: 1, gateways: 0, workers: 2 });
  }, 400_000);
  afterAll(async () => {
    await stack?.stop();
  }, 120_000);

  it(`0 → ${SIZE} desktops, ${ROUNDS} times, killing the pool's worker at a random moment`, async () => {
    const ds = stack.app.database.dataSource;
    const cloud = await ds.getRepository(Cloud).save(simulatorCloudRow(stack.app, stack.sim));
    const tenant = await ds
      .getRepository(Tenant)
      .save({ name: "Acme", slug: "acme", status: "active", vhiDomain: "Default", vhiProject: "tenant-acme" });
    const lines: string[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      const pool = await ds.getRepository(Pool).save(
        simulatorPoolRow(tenant.id, cloud.id, {
          name: `round${round}`,
          namePattern: `r${round}-{SEQ:3}`,
          minTotal: SIZE,
          maxTotal: SIZE,
          minAvailable: 0,
        }),
      );
      const leaseName = `pool:${pool.id}`;
      const lease = await waitUntil(
        "a worker to lease the new pool",
        () => ds.getRepository(Lease).findOneBy({ name: leaseName }),
        60_000,
      );
      const holder = stack.byRole("worker").find((node) => lease.holder.startsWith(`${node.nodeId}-`));
      expect(holder, lease.holder).toBeDefined();
      // Random timing: after somewhere between none and 80 % of the servers were asked of the cloud.
      const cloudServers = () =>
        stack.sim.state.servers({ includeDeleted: false }).filter((s) => s.tags.includes(poolTag(pool.id)));
      const killAfter = Math.floor(Math.random() * SIZE * 0.8);
      await waitUntil(`${killAfter} servers in the cloud`, async () => cloudServers().length >= killAfter, 120_000);
      const serversAtKill = cloudServers().length;
      holder!.signal("SIGKILL");
      await holder!.exited;
      // A worker holds a pool's lease for one pass at a time. Killed during a pass, its lease stays until it
      // expires (it renews no more); killed between passes, the lease was already given back.
      const atKill = await ds.getRepository(Lease).findOneBy({ name: leaseName });
      const heldAtKill = atKill?.holder === lease.holder ? atKill : null;
      const takeover = await waitUntil(
        "another worker to take the lease over",
        async () => {
          const now = await ds.getRepository(Lease).findOneBy({ name: leaseName });
          return now && now.holder !== lease.holder ? now : null;
        },
        LEASE_TTL_MS + 15_000,
      );
      // A takeover waits for expiry, then for the survivor's next round (every 2 s) to reach the pool.
      const afterExpiryMs = heldAtKill ? takeover.acquiredAt.getTime() - heldAtKill.expiresAt.getTime() : 0;
      // The killed worker comes back, as its service manager would restart it, for the next round.
      await stack.restart(holder!);
      await waitUntil(
        `${SIZE} ready desktops`,
        async () => {
          const ready = await ds.getRepository(Desktop).countBy({ poolId: pool.id, provisioningState: "ready" });
          return ready === SIZE;
        },
        300_000,
      );
      const desktops = await ds.getRepository(Desktop).findBy({ poolId: pool.id });
      const servers = stack.sim.state
        .servers({ includeDeleted: false })
        .filter((s) => s.tags.includes(poolTag(pool.id)));
      const perDesktop = new Map<string, number>();
      for (const server of servers) {
        const desktop = server.metadata[META_DESKTOP] ?? "";
        perDesktop.set(desktop, (perDesktop.get(desktop) ?? 0) + 1);
      }
      const rowIds = new Set(desktops.map((desktop) => desktop.id));
      const duplicates = [...perDesktop.values()].filter((count) => count > 1).length;
      const orphans = servers.filter((server) => !rowIds.has(server.metadata[META_DESKTOP] ?? "")).length;
      const serverIds = new Set(servers.map((server) => server.id));
      const lost = desktops.filter((desktop) => !desktop.serverId || !serverIds.has(desktop.serverId)).length;
      const line =
        `round ${round}: killed ${holder!.nodeId} (kill -9) at ${serversAtKill} of ${SIZE} servers; ` +
        (heldAtKill
          ? `${takeover.holder} took the lease over ${(afterExpiryMs / 1000).toFixed(1)} s after it expired; `
          : `between two passes (lease already given back), ${takeover.holder} took the pool on; `) +
        `servers ${servers.length}, desktops ${desktops.length}, duplicates ${duplicates}, orphans ${orphans}, lost ${lost}`;
      lines.push(line);
      process.stdout.write(`scale-out provisioning ${line}\n`);
      expect({ duplicates, orphans, lost, servers: servers.length, desktops: desktops.length }, line).toEqual({
        duplicates: 0,
        orphans: 0,
        lost: 0,
        servers: SIZE,
        desktops: SIZE,
      });
      // Expiry plus the survivor's next round over every pool (2 s apart, longer on a loaded machine).
      expect(afterExpiryMs, line).toBeLessThanOrEqual(10_000);
    }
    process.stdout.write(`\nscale-out provisioning: ${ROUNDS} rounds\n  ${lines.join("\n  ")}\n`);
  }, 3_600_000);
});
