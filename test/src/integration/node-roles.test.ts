import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { poolTag } from "@atrium/api";
import { Cloud, Desktop, Lease, Pool, Tenant } from "@atrium/schema";
import { defaultSeed, startVhiSimulator, type VhiSimulator } from "@atrium/simulator";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTenant, createUser, PASSWORD } from "../fixtures/factories.js";
import { simulatorCloudRow, simulatorPoolRow } from "../fixtures/multi-node-stack.js";
import { type NodeProcess, startNode } from "../fixtures/node-process.js";
import { waitUntil } from "../fixtures/processes.js";
import { startTestApp, type TestApp } from "../fixtures/test-app.js";

const SECRET = "test-secret-test-secret-test-secret-0123456789";
const onPostgres = process.env.DATABASE_URL?.startsWith("postgres") ?? false;
if (!onPostgres) {
  process.stdout.write(
    "node-roles: the SIGTERM-mid-request tests share one database between processes and run in the PostgreSQL " +
      "pass only (DATABASE_URL=postgres://…); the embedded database belongs to one process\n",
  );
}

const SIGN_IN = `mutation($input: SignInInput!) {
  signInWithPassword(input: $input) { ... on AuthPayload { accessToken } }
}`;

async function status(url: string): Promise<number | "refused"> {
  try {
    return (await fetch(url)).status;
  } catch {
    return "refused";
  }
}

const databaseUrlOf = (app: TestApp) => (app.database.dataSource.options as { url: string }).url;

describe("node roles: atrium api on its own (embedded database)", () => {
  it("serves /healthz, /readyz and /metrics with its node id, logs it on every line and stops on SIGTERM", async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "atrium-node-"));
    const node = await startNode("api", "api-solo", { ATRIUM_DATA_DIR: dataDir, ATRIUM_SECRET: SECRET });
    try {
      expect(await (await fetch(`${node.baseUrl}/healthz`)).json()).toEqual({ status: "ok", node: "api-solo" });
      expect(await (await fetch(`${node.baseUrl}/readyz`)).json()).toEqual({ status: "ready" });
      const metrics = await (await fetch(`${node.baseUrl}/metrics`)).text();
      expect(metrics).toContain('atrium_node_info{node="api-solo",role="api"} 1');
      expect(metrics).toContain("atrium_node_draining 0");
      const exit = await node.stop();
      expect(exit).toEqual({ code: 0, signal: null });
      const lines = node.logs();
      expect(lines.length).toBeGreaterThan(0);
      expect(lines.every((line) => line.node === "api-solo" && line.role === "api")).toBe(true);
      expect(lines.map((line) => line.msg)).toContain("stopped: in-flight work finished, leases released");
    } finally {
      node.signal("SIGKILL");
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }, 360_000);
});

describe.skipIf(!onPostgres)("node roles on PostgreSQL: SIGTERM in the middle of work", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => {
    await app?.close();
  });

  it("an api node answers the request it was handling, refuses new connections, then exits 0", async () => {
    const tenant = await createTenant(app, "drain");
    await createUser(app, tenant, "alice", "tenant_user");
    const node = await startNode("api", "api-drain", {
      DATABASE_URL: databaseUrlOf(app),
      ATRIUM_SECRET: SECRET,
      ATRIUM_DRAIN_SECONDS: "1",
      ATRIUM_SHUTDOWN_TIMEOUT_SECONDS: "30",
    });
    // A transaction holding the tenant table keeps the sign-in waiting inside the node for as long as the test likes.
    const locker = new pg.Client({ connectionString: databaseUrlOf(app) });
    await locker.connect();
    try {
      await locker.query("BEGIN");
      await locker.query("LOCK TABLE tenant IN ACCESS EXCLUSIVE MODE");
      const answer = fetch(`${node.baseUrl}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          query: SIGN_IN,
          variables: { input: { username: "alice", password: PASSWORD, tenant: "drain" } },
        }),
      });
      await waitUntil("the sign-in to wait for the lock", async () => {
        const rows: { n: string }[] = (await locker.query("SELECT count(*) AS n FROM pg_locks WHERE NOT granted")).rows;
        return Number(rows[0]?.n) > 0;
      });
      node.signal("SIGTERM");
      await waitUntil("/readyz to say draining", async () => (await status(`${node.baseUrl}/readyz`)) === 503);
      expect(await (await fetch(`${node.baseUrl}/healthz`)).json()).toMatchObject({ status: "ok" });
      await waitUntil("the listener to close", async () => (await status(`${node.baseUrl}/healthz`)) === "refused");
      expect(node.child.exitCode).toBeNull();
      await locker.query("COMMIT");
      const response = await answer;
      expect(response.status).toBe(200);
      const body = (await response.json()) as { data?: { signInWithPassword: { accessToken?: string } } };
      expect(body.data?.signInWithPassword.accessToken).toEqual(expect.any(String));
      expect(await node.exited).toEqual({ code: 0, signal: null });
    } finally {
      await locker.end();
      node.signal("SIGKILL");
    }
  }, 360_000);

  it("a worker node finishes the pool pass it holds a lease for, releases the lease, then exits 0", async () => {
    const seed = defaultSeed();
    const sim: VhiSimulator = await startVhiSimulator({ seed, clock: { mode: "real", timeScale: 100 } });
    let worker: NodeProcess | undefined;
    try {
      const ds = app.database.dataSource;
      const cloud = await ds.getRepository(Cloud).save(simulatorCloudRow(app, sim, "sim-worker"));
      const tenant = await ds
        .getRepository(Tenant)
        .save({ name: "Acme", slug: "acme", status: "active", vhiDomain: "Default", vhiProject: "tenant-acme" });
      const pool = await ds.getRepository(Pool).save(simulatorPoolRow(tenant.id, cloud.id));
      // Every cloud call takes a second: the pass is still running when the signal comes.
      sim.control.setLatency(1_000);
      worker = await startNode("worker", "worker-drain", {
        DATABASE_URL: databaseUrlOf(app),
        ATRIUM_SECRET: SECRET,
        ATRIUM_SHUTDOWN_TIMEOUT_SECONDS: "60",
      });
      const lease = await waitUntil("the worker to lease the pool", () =>
        ds.getRepository(Lease).findOneBy({ name: `pool:${pool.id}` }),
      );
      expect(lease.holder).toMatch(/^worker-drain-\d+$/);
      const callsBefore = sim.control.counters().total;
      worker.signal("SIGTERM");
      await waitUntil("/readyz to say draining", async () => (await status(`${worker!.baseUrl}/readyz`)) === 503);
      expect(await worker.exited).toEqual({ code: 0, signal: null });
      // The pass went on talking to the cloud after the signal instead of being cut off.
      expect(sim.control.counters().total).toBeGreaterThan(callsBefore);
      expect(await ds.getRepository(Lease).findOneBy({ name: `pool:${pool.id}` })).toBeNull();
      const errors = worker.logs().filter((line) => Number(line.level) >= 50);
      expect(errors).toEqual([]);
      // Whatever the pass created in the cloud, it also recorded: no server without its desktop row.
      const desktops = await ds.getRepository(Desktop).findBy({ poolId: pool.id });
      const servers = sim.state.servers({ includeDeleted: false }).filter((s) => s.tags.includes(poolTag(pool.id)));
      expect(servers.map((s) => s.id).sort()).toEqual(
        desktops
          .map((d) => d.serverId)
          .filter(Boolean)
          .sort(),
      );
    } finally {
      worker?.signal("SIGKILL");
      await sim.close();
    }
  }, 360_000);
});
