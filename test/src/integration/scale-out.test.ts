import { ensurePackages } from "@atrium/api/testing/test-services";
import { Desktop, Pool, RoleBinding, type Tenant, User } from "@atrium/schema";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CONNECT, createPolicyRow, createRuleRow, tokenFor } from "../fixtures/broker-factories.js";
import { createCloud, createDesktops, createPool, createTenant } from "../fixtures/factories.js";
import { type MultiNodeStack, startMultiNodeStack } from "../fixtures/multi-node-stack.js";
import { waitUntil } from "../fixtures/processes.js";

const onPostgres = process.env.DATABASE_URL?.startsWith("postgres") ?? false;
if (!onPostgres) {
  process.stdout.write(
    "scale-out: skipped: several nodes share one database, which needs PostgreSQL (the PostgreSQL pass sets " +
      "DATABASE_URL=postgres://…); the embedded database belongs to one process\n",
  );
}

const USERS = 500;
const DESKTOPS = 520;
const CLIENTS = 48;
const ATTEMPTS = 6;

type Outcome = { attempts: number; desktopId: string | null; failures: string[] };

/** One user's connect through HAProxy, retried the way a portal or client would after a clean failure. */
async function connectWithRetry(url: string, token: string, poolId: string): Promise<Outcome> {
  const failures: string[] = [];
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    try {
      const response = await fetch(`${url}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: CONNECT, variables: { input: { poolId } } }),
      });
      const text = await response.text();
      const body = response.headers.get("content-type")?.includes("json")
        ? (JSON.parse(text) as { data?: { connect?: { desktopId: string } }; errors?: { extensions?: object }[] })
        : null;
      const desktopId = body?.data?.connect?.desktopId;
      if (response.status === 200 && desktopId) return { attempts: attempt, desktopId, failures };
      failures.push(`${response.status} ${JSON.stringify(body?.errors?.[0]?.extensions ?? text.slice(0, 80))}`);
    } catch (error) {
      failures.push(`network: ${(error as Error).message}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
  }
  return { attempts: ATTEMPTS, desktopId: null, failures };
}

describe.skipIf(!onPostgres)("scale-out: HAProxy, 2 API nodes, 2 gateways, 2 workers on one PostgreSQL", () => {
  let stack: MultiNodeStack;

  beforeAll(() => ensurePackages("scale-out"));
  beforeAll(async () => {
    stack = await startMultiNodeStack();
  }, 400_000);
  afterAll(async () => {
    await stack?.stop();
  }, 120_000);

  it(`connect storm: ${USERS} users while one API node is kill -9ed`, async () => {
    const { app } = stack;
    const ds = app.database.dataSource;
    const tenant: Tenant = await createTenant(app, "storm");
    // The connect path never calls the cloud for running desktops, so this pool's cloud is a placeholder; the
    // workers' passes over it fail to reach it and leave its desktops alone (restraint off: it is never paused).
    const pool = await createPool(app, tenant, await createCloud(app, "storm-cloud"), "storm");
    await ds.getRepository(Pool).update({ id: pool.id }, { maxTotal: DESKTOPS, restraintFailures: 0 });
    await createDesktops(app, pool, DESKTOPS);
    const policy = await createPolicyRow(app, tenant, "Everyone", [pool]);
    await createRuleRow(app, tenant, 1, {}, { policy });
    const users = await ds.getRepository(User).save(
      Array.from({ length: USERS }, (_, index) => ({
        tenantId: tenant.id,
        username: `storm${index}`,
        displayName: `storm${index}`,
        source: "local" as const,
        passwordHash: null,
        disabled: false,
      })),
    );
    await ds
      .getRepository(RoleBinding)
      .insert(users.map((user) => ({ tenantId: tenant.id, userId: user.id, role: "tenant_user" as const })));
    const tokens = await Promise.all(users.map((user) => tokenFor(app, user)));

    // Clients pull users off one queue; the victim dies once a fifth of the users are through.
    const victim = stack.byRole("api")[0]!;
    const outcomes: Outcome[] = new Array(USERS);
    let next = 0;
    let done = 0;
    let killedAt = -1;
    await Promise.all(
      Array.from({ length: CLIENTS }, async () => {
        for (let index = next++; index < USERS; index = next++) {
          outcomes[index] = await connectWithRetry(stack.url, tokens[index]!, pool.id);
          done += 1;
          if (killedAt < 0 && done >= USERS / 5) {
            killedAt = done;
            victim.signal("SIGKILL");
          }
        }
      }),
    );
    const exit = await victim.exited;

    const firstTry = outcomes.filter((outcome) => outcome.desktopId && outcome.attempts === 1).length;
    const afterRetry = outcomes.filter((outcome) => outcome.desktopId && outcome.attempts > 1).length;
    const failed = outcomes.filter((outcome) => !outcome.desktopId);
    const [doubles] = await ds.query(
      `SELECT count(*)::int AS n FROM (SELECT desktop_id FROM assignment WHERE released_at IS NULL AND pool_id = $1
        GROUP BY desktop_id HAVING count(*) > 1) d`,
      [pool.id],
    );
    const [twice] = await ds.query(
      `SELECT count(*)::int AS n FROM (SELECT user_id FROM assignment WHERE released_at IS NULL AND pool_id = $1
        GROUP BY user_id HAVING count(*) > 1) u`,
      [pool.id],
    );
    const [sessionless] = await ds.query(
      `SELECT count(*)::int AS n FROM assignment a WHERE a.pool_id = $1 AND a.released_at IS NULL
        AND NOT EXISTS (SELECT 1 FROM desktop_session s WHERE s.assignment_id = a.id)`,
      [pool.id],
    );
    const [mismatched] = await ds.query(
      `SELECT count(*)::int AS n FROM desktop d LEFT JOIN assignment a ON a.desktop_id = d.id AND a.released_at IS NULL
        WHERE d.pool_id = $1 AND d.assigned_user_id IS DISTINCT FROM a.user_id`,
      [pool.id],
    );
    const held = await ds.getRepository(Desktop).countBy({ poolId: pool.id, availability: "assigned" });
    const retriedFailures = outcomes.flatMap((outcome) => (outcome.desktopId ? outcome.failures : []));
    process.stdout.write(
      `\nscale-out connect storm: killed ${victim.nodeId} (pid ${victim.pid}, kill -9, exit ${exit.signal}) after ` +
        `${killedAt} of ${USERS} users\n` +
        `  succeeded first try ${firstTry}, after a clean failure and retry ${afterRetry}, failed ${failed.length}\n` +
        `  failures seen before a retry succeeded: ${retriedFailures.length} ` +
        `(${[...new Set(retriedFailures.map((f) => f.slice(0, 60)))].slice(0, 4).join("; ")})\n` +
        `  double assignments ${doubles.n}, users holding two desktops ${twice.n}, ` +
        `assignments without a session row ${sessionless.n}, desktop/assignment mismatches ${mismatched.n}, ` +
        `desktops held ${held}\n`,
    );

    expect(exit.signal).toBe("SIGKILL");
    expect(failed.map((outcome) => outcome.failures)).toEqual([]);
    expect(firstTry + afterRetry).toBe(USERS);
    expect(doubles.n).toBe(0);
    expect(twice.n).toBe(0);
    expect(sessionless.n).toBe(0);
    expect(mismatched.n).toBe(0);
    expect(held).toBe(USERS);
    // Every failure the clients saw was a clean one: the proxy's 502/503 or a dropped connection, never a 200 with
    // a server-side error.
    for (const failure of retriedFailures) expect(failure).toMatch(/^(502|503|504) |^network: /);
  }, 600_000);

  it("rolling restart of every node, one at a time, under steady GraphQL load: 0 failed requests", async () => {
    const { app } = stack;
    // The storm left a killed node behind; its service manager would have started it again.
    for (const node of [...stack.nodes]) {
      if (node.child.exitCode !== null || node.child.signalCode !== null) await stack.restart(node);
    }
    const tenant = await createTenant(app, "rolling");
    const user = await app.database.dataSource.getRepository(User).save({
      tenantId: tenant.id,
      username: "steady",
      displayName: "steady",
      source: "local" as const,
      passwordHash: null,
      disabled: false,
    });
    const token = await tokenFor(app, user);
    let running = true;
    let ok = 0;
    const failures: string[] = [];
    const load = Promise.all(
      Array.from({ length: 8 }, async () => {
        while (running) {
          try {
            const response = await fetch(`${stack.url}/graphql`, {
              method: "POST",
              headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
              body: JSON.stringify({ query: "{ me { id displayName } }" }),
            });
            const body = (await response.json().catch(() => null)) as { data?: { me?: { id: string } } } | null;
            if (response.status === 200 && body?.data?.me?.id === user.id) ok += 1;
            else failures.push(`${response.status} ${JSON.stringify(body).slice(0, 100)}`);
          } catch (error) {
            failures.push(`network: ${(error as Error).message}`);
          }
        }
      }),
    );
    const restarted: string[] = [];
    const backendOf = { api: "atrium_api", gateway: "atrium_gateways", worker: null } as const;
    try {
      for (const node of [...stack.nodes]) {
        const exit = await node.stop(60_000);
        expect(exit, `${node.nodeId} stops cleanly on SIGTERM`).toEqual({ code: 0, signal: null });
        const again = await stack.restart(node);
        const backend = backendOf[again.role];
        if (backend)
          await waitUntil(
            `${again.nodeId} UP in HAProxy`,
            async () => (await stack.serverStatus(backend, again.nodeId)) === "UP",
            30_000,
          );
        restarted.push(`${again.nodeId} (SIGTERM, exit 0, back)`);
      }
    } finally {
      running = false;
      await load;
    }
    process.stdout.write(
      `\nscale-out rolling restart: restarted ${restarted.join(", ")}\n` +
        `  GraphQL requests answered ${ok}, failed requests ${failures.length}` +
        `${failures.length ? ` (${[...new Set(failures)].slice(0, 3).join("; ")})` : ""}\n`,
    );
    expect(failures).toEqual([]);
    expect(ok).toBeGreaterThan(0);
  }, 600_000);
});
