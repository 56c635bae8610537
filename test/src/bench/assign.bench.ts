import { Pool as PoolEntity } from "@atrium/schema";
import pg from "pg";
import { CONNECT, createPolicyRow, createRuleRow, tokenFor } from "../fixtures/broker-factories.js";
import { createCloud, createDesktops, createPool, createTenant, createUser } from "../fixtures/factories.js";
import { startTestApp, type TestApp } from "../fixtures/test-app.js";
import { graphqlRequest, runLoad } from "./load.js";
import { ms, printGoals, printTable, summarize, useMachinePostgres } from "./measure.js";
import { printBreakdown, startMeter, stopMeter } from "./meter.js";

const CLIENTS = 64;
const CONNECTS = Number(process.env.BENCH_CONNECTS ?? 1000);
const BASELINE_MS = Number(process.env.BENCH_BASELINE_MS ?? 5000);
const ACCOUNTS = 100_000;

interface Measured {
  latenciesMs: number[];
  seconds: number;
}

/** `clients` workers pull work until `next()` says stop; every call is timed. */
async function drive(clients: number, next: () => (() => Promise<unknown>) | null): Promise<Measured> {
  const latenciesMs: number[] = [];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      for (let work = next(); work; work = next()) {
        const t0 = performance.now();
        await work();
        latenciesMs.push(performance.now() - t0);
      }
    }),
  );
  return { latenciesMs, seconds: (performance.now() - started) / 1000 };
}

/** pgbench's "simple update" shape: one random row of a 100k-row table, one statement per transaction. */
async function baseline(connectionString: string): Promise<Measured> {
  const pool = new pg.Pool({ connectionString, max: CLIENTS });
  try {
    await pool.query("CREATE TABLE bench_accounts (aid int PRIMARY KEY, abalance int NOT NULL DEFAULT 0)");
    await pool.query("INSERT INTO bench_accounts (aid) SELECT generate_series(1, $1)", [ACCOUNTS]);
    const deadline = performance.now() + BASELINE_MS;
    return await drive(CLIENTS, () =>
      performance.now() < deadline
        ? () =>
            pool.query("UPDATE bench_accounts SET abalance = abalance + $1 WHERE aid = $2", [
              Math.floor(Math.random() * 10_000) - 5000,
              1 + Math.floor(Math.random() * ACCOUNTS),
            ])
        : null,
    );
  } finally {
    await pool.query("DROP TABLE IF EXISTS bench_accounts").catch(() => undefined);
    await pool.end();
  }
}

/** Desktops held by more than one open assignment: the one outcome a connect storm must never have. */
async function doubleAssigns(app: TestApp): Promise<number> {
  const rows: { n: string }[] = await app.database.dataSource.query(
    "SELECT count(*) AS n FROM (SELECT desktop_id FROM assignment WHERE released_at IS NULL GROUP BY desktop_id HAVING count(*) > 1) d",
  );
  return Number(rows[0]?.n ?? 0);
}

/**
 * `npm run bench -- assign`: connect (atomic assignment + session + audit, over GraphQL/HTTP) with 64 concurrent
 * clients against PostgreSQL, next to a pgbench-style single-row UPDATE baseline on the same server in the same
 * run, printed as ratios so the number means something on any machine. The clients run in a forked process, so
 * the CPU this process spends is the API's; statements are counted at the pg driver.
 */
export async function runAssignBench(): Promise<void> {
  const databaseUrl = useMachinePostgres();
  if (!databaseUrl.startsWith("postgres")) throw new Error("the assign bench needs PostgreSQL");
  const app = await startTestApp();
  try {
    const tenant = await createTenant(app, "bench");
    const pool: PoolEntity = await createPool(app, tenant, await createCloud(app), "bench");
    await app.database.dataSource.getRepository(PoolEntity).update({ id: pool.id }, { maxTotal: CONNECTS });
    await createDesktops(app, pool, CONNECTS);
    const policy = await createPolicyRow(app, tenant, "Everyone", [pool]);
    await createRuleRow(app, tenant, 1, {}, { policy });
    const tokens: string[] = [];
    for (let index = 0; index < CONNECTS; index++) {
      tokens.push(await tokenFor(app, await createUser(app, tenant, `bench${index}`, "tenant_user")));
    }
    process.stdout.write(`setup: ${CONNECTS} desktops and users; ${CLIENTS} concurrent clients\n`);

    startMeter();
    const connect = await runLoad({
      url: app.url,
      clients: CLIENTS,
      requests: tokens.map((token) => graphqlRequest(CONNECT, { input: { poolId: pool.id } }, token)),
    });
    const stages = stopMeter();
    const options = app.database.dataSource.options as { url?: string };
    const base = await baseline(options.url ?? databaseUrl);

    const c = summarize("connect (assign)", connect.latenciesMs, connect.seconds);
    const b = summarize("baseline UPDATE", base.latenciesMs, base.seconds);
    printTable([c, b]);
    const doubles = await doubleAssigns(app);
    const mean = connect.latenciesMs.reduce((sum, value) => sum + value, 0) / c.ops;
    process.stdout.write(
      `\n  per connect: ${(stages.statements / c.ops).toFixed(1)} SQL statements (counted at the driver), ` +
        `API CPU ${ms(connect.apiCpuMs / c.ops)}; failed connects: ${connect.failures}` +
        `${connect.firstFailure ? ` (first: ${connect.firstFailure})` : ""}\n`,
    );
    const met = printGoals([
      {
        label: "connect / single-row UPDATE throughput",
        measured: `${(c.perSecond / b.perSecond).toFixed(3)}×`,
        goal: "≥ 0.25×",
        met: c.perSecond / b.perSecond >= 0.25,
      },
      { label: `connect p95 at ${CLIENTS} clients`, measured: ms(c.p95), goal: "< 50 ms", met: c.p95 < 50 },
      { label: "double assigns", measured: String(doubles), goal: "0", met: doubles === 0 },
    ]);
    if (!met) printBreakdown(c.ops, mean, stages, connect.apiCpuMs, CLIENTS);
    const failures = connect.failures + doubles;
    if (failures > 0) process.exitCode = 1;
  } finally {
    await app.close();
  }
}
