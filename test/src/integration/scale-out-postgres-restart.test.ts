import fs from "node:fs";
import { META_DESKTOP, poolTag } from "@atrium/api";
import { ensurePackages } from "@atrium/api/testing/test-services";
import { Cloud, Desktop, Job, Pool, Tenant } from "@atrium/schema";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tokenFor } from "../fixtures/broker-factories.js";
import { createUser } from "../fixtures/factories.js";
import {
  type MultiNodeStack,
  simulatorCloudRow,
  simulatorPoolRow,
  startMultiNodeStack,
} from "../fixtures/multi-node-stack.js";
import { type OwnPostgres, startOwnPostgres } from "../fixtures/own-postgres.js";
import { waitUntil } from "../fixtures/processes.js";

const onPostgres = process.env.DATABASE_URL?.startsWith("postgres") ?? false;
const hasBinaries = fs.existsSync("/usr/lib/postgresql/15/bin/pg_ctl");
if (!onPostgres || !hasBinaries) {
  process.stdout.write(
    "scale-out-postgres-restart: skipped: needs the PostgreSQL pass (DATABASE_URL=postgres://…) and Debian's " +
      "PostgreSQL 15 binaries to run a cluster of its own it may restart\n",
  );
}

const SIZE = 60;
/** A request the proxy and node have not answered by then is hung, not failed cleanly. */
const REQUEST_DEADLINE_MS = 20_000;

type Phase = "before" | "outage" | "after";

describe.skipIf(!onPostgres || !hasBinaries)("scale-out: PostgreSQL restarted under load", () => {
  let pg: OwnPostgres;
  let stack: MultiNodeStack;

  beforeAll(() => ensurePackages("scale-out"));
  beforeAll(async () => {
    // The machine's shared server serves other suites; this test stops a cluster of its own.
    pg = await startOwnPostgres();
    stack = await startMultiNodeStack({ apis: 2, gateways: 1, workers: 2 }, { databaseServer: pg.url });
  }, 400_000);
  afterAll(async () => {
    await stack?.stop();
    pg?.dispose();
  }, 120_000);

  it("nodes reconnect by themselves, /readyz follows the outage, no job lost or run twice", async () => {
    const ds = stack.app.database.dataSource;
    const cloud = await ds.getRepository(Cloud).save(simulatorCloudRow(stack.app, stack.sim));
    const tenant = await ds
      .getRepository(Tenant)
      .save({ name: "Acme", slug: "acme", status: "active", vhiDomain: "Default", vhiProject: "tenant-acme" });
    const user = await createUser(stack.app, tenant, "steady", "tenant_user");
    const token = await tokenFor(stack.app, user);

    // Steady GraphQL load through HAProxy, each request tagged with the phase it started in.
    let phase: Phase = "before";
    let running = true;
    const answered: Record<Phase, number> = { before: 0, outage: 0, after: 0 };
    const failed: Record<Phase, string[]> = { before: [], outage: [], after: [] };
    const hung: string[] = [];
    const load = Promise.all(
      Array.from({ length: 6 }, async () => {
        while (running) {
          const startedIn = phase;
          // A request in flight when the database went away belongs to the outage.
          const bucket = (): Phase => (startedIn === "before" && phase !== "before" ? "outage" : startedIn);
          try {
            const response = await fetch(`${stack.url}/graphql`, {
              method: "POST",
              headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
              body: JSON.stringify({ query: "{ me { id } }" }),
              signal: AbortSignal.timeout(REQUEST_DEADLINE_MS),
            });
            const body = (await response.json().catch(() => null)) as { data?: { me?: { id: string } } } | null;
            if (response.status === 200 && body?.data?.me?.id === user.id) answered[bucket()] += 1;
            else failed[bucket()].push(`${response.status} ${JSON.stringify(body).slice(0, 500)}`);
          } catch (error) {
            const name = (error as Error).name;
            if (name === "TimeoutError" || name === "AbortError") hung.push(`${bucket()}: no answer`);
            else failed[bucket()].push(`network: ${(error as Error).message}`);
            await new Promise((resolve) => setTimeout(resolve, 100));
          }
          if (startedIn === "outage") await new Promise((resolve) => setTimeout(resolve, 100));
        }
      }),
    );

    const readyz = async (url: string) => {
      try {
        return (await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(10_000) })).status === 200;
      } catch {
        return false;
      }
    };
    const everyNode = async (ready: boolean) =>
      (await Promise.all(stack.nodes.map((node) => readyz(node.baseUrl)))).every((answer) => answer === ready);
    const pids = stack.nodes.map((node) => node.pid);

    let summary = "";
    try {
      await waitUntil("some answered requests before the outage", async () => answered.before >= 20, 60_000);
      // Provisioning work running on the workers when the database goes away: a pool of SIZE desktops.
      const pool = await ds.getRepository(Pool).save(
        simulatorPoolRow(tenant.id, cloud.id, {
          name: "restart",
          namePattern: "pgr-{SEQ:3}",
          minTotal: SIZE,
          maxTotal: SIZE,
          minAvailable: 0,
        }),
      );
      const cloudServers = () =>
        stack.sim.state.servers({ includeDeleted: false }).filter((s) => s.tags.includes(poolTag(pool.id)));
      await waitUntil("provisioning under way", async () => cloudServers().length >= SIZE / 6, 120_000);
      const serversAtStop = cloudServers().length;

      phase = "outage";
      pg.stop();
      await waitUntil("every node's /readyz to answer not ready", () => everyNode(false), 60_000);
      const failedBeforeRestart = failed.outage.length;
      await waitUntil("requests during the outage to fail", async () => failed.outage.length >= 10, 60_000);
      pg.start();
      await waitUntil("every node's /readyz to answer ready again", () => everyNode(true), 120_000);
      for (const node of stack.byRole("api"))
        await waitUntil(
          `${node.nodeId} UP in HAProxy`,
          async () => (await stack.serverStatus("atrium_api", node.nodeId)) === "UP",
          60_000,
        );
      phase = "after";
      await waitUntil("requests answered after the outage", async () => answered.after >= 100, 120_000);

      await waitUntil(
        `${SIZE} ready desktops`,
        async () => (await ds.getRepository(Desktop).countBy({ poolId: pool.id, provisioningState: "ready" })) === SIZE,
        300_000,
      );
      const dead = await ds.getRepository(Job).countBy({ status: "dead" });
      const desktops = await ds.getRepository(Desktop).findBy({ poolId: pool.id });
      const servers = cloudServers();
      const perDesktop = new Map<string, number>();
      for (const server of servers) {
        const desktop = server.metadata[META_DESKTOP] ?? "";
        perDesktop.set(desktop, (perDesktop.get(desktop) ?? 0) + 1);
      }
      const rowIds = new Set(desktops.map((desktop) => desktop.id));
      const serverIds = new Set(servers.map((server) => server.id));
      const counts = {
        duplicates: [...perDesktop.values()].filter((count) => count > 1).length,
        orphans: servers.filter((server) => !rowIds.has(server.metadata[META_DESKTOP] ?? "")).length,
        lost: desktops.filter((desktop) => !desktop.serverId || !serverIds.has(desktop.serverId)).length,
        deadJobs: dead,
        servers: servers.length,
        desktops: desktops.length,
      };
      const restartedNodes = stack.nodes.filter(
        (node, index) => node.pid !== pids[index] || node.child.exitCode !== null,
      );
      summary =
        `\nscale-out postgres restart: stopped the stack's own PostgreSQL (pg_ctl stop -m fast) at ${serversAtStop} ` +
        `of ${SIZE} servers; started it again\n` +
        `  /readyz: every node (${stack.nodes.map((node) => node.nodeId).join(", ")}) not ready during, ready after; ` +
        `nodes restarted ${restartedNodes.length}\n` +
        `  GraphQL answered before ${answered.before}, during ${answered.outage}, after ${answered.after}; ` +
        `failed cleanly during ${failed.outage.length} (${failedBeforeRestart} before /readyz turned) ` +
        `(${[...new Set(failed.outage.map((f) => f.slice(0, 50)))].slice(0, 3).join("; ")}); ` +
        `failed before ${failed.before.length}, failed after ${failed.after.length}, hung ${hung.length}\n` +
        `  provisioning: dead jobs ${dead}, servers ${counts.servers}, ` +
        `desktops ${counts.desktops}, duplicates ${counts.duplicates}, orphans ${counts.orphans}, lost ${counts.lost}\n`;
      expect(restartedNodes.map((node) => node.nodeId)).toEqual([]);
      expect(counts).toEqual({ duplicates: 0, orphans: 0, lost: 0, deadJobs: 0, servers: SIZE, desktops: SIZE });
    } finally {
      running = false;
      await load;
      process.stdout.write(summary);
    }
    expect(hung).toEqual([]);
    expect(failed.before).toEqual([]);
    expect(failed.after).toEqual([]);
    expect(answered.after).toBeGreaterThan(0);
    // Clean failures: the node's SERVICE_UNAVAILABLE to retry on (a GraphQL error, or a 503 when the request's own
    // authentication could not read the database), the proxy's 502/503/504 while no node is ready, or a dropped
    // connection; never a wrong answer, never an internal error.
    for (const failure of failed.outage)
      expect(failure).toMatch(/^(200|503) .*"SERVICE_UNAVAILABLE"|^(502|503|504) |^network: /);
  }, 900_000);
});
