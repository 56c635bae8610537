import { Pool as PoolEntity } from "@atrium/schema";
import pg from "pg";
import { createPolicyRow, createRuleRow, tokenFor } from "../fixtures/broker-factories.js";
import { createCloud, createDesktops, createPool, createTenant, createUser } from "../fixtures/factories.js";
import { startTestApp } from "../fixtures/test-app.js";

const CLIENTS = 64;
const CONNECTS = Number(process.env.BENCH_CONNECTS ?? 1000);
const BASELINE_MS = Number(process.env.BENCH_BASELINE_MS ?? 5000);
const ACCOUNTS = 100_000;

interface Measured {
  ops: number;
  seconds: number;
  latenciesMs: number[];
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function summary(name: string, run: Measured) {
  const sorted = [...run.latenciesMs].sort((a, b) => a - b);
  return {
    name,
    ops: run.ops,
    perSecond: run.ops / run.seconds,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
  };
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
  return { ops: latenciesMs.length, seconds: (performance.now() - started) / 1000, latenciesMs };
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

/**
 * `npm run bench -- assign`: connect (atomic assignment + session + audit, over GraphQL/HTTP) with 64 concurrent
 * clients against PostgreSQL, next to a pgbench-style single-row UPDATE baseline on the same server in the same
 * run, printed as ratios so the number means something on any machine.
 */
export async function runAssignBench(): Promise<void> {
  process.env.DATABASE_URL ??= "postgres://postgres@127.0.0.1:5432/postgres";
  if (!process.env.DATABASE_URL.startsWith("postgres")) throw new Error("the assign bench needs PostgreSQL");
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

    let cursor = 0;
    let failures = 0;
    const connect = await drive(CLIENTS, () => {
      const token = tokens[cursor++];
      return token
        ? async () => {
            const result = await app.gql(
              "mutation($input: ConnectInput!) { connect(input: $input) { desktopId } }",
              { input: { poolId: pool.id } },
              token,
            );
            if (!result.data) failures++;
          }
        : null;
    });
    const options = app.database.dataSource.options as { url?: string };
    const base = await baseline(options.url ?? process.env.DATABASE_URL);

    const rows = [summary("connect (assign)", connect), summary("baseline UPDATE", base)];
    process.stdout.write("\n  benchmark            ops     per second   p50 ms   p95 ms\n");
    for (const row of rows) {
      process.stdout.write(
        `  ${row.name.padEnd(18)} ${String(row.ops).padStart(6)} ${row.perSecond.toFixed(1).padStart(12)} ${row.p50
          .toFixed(2)
          .padStart(8)} ${row.p95.toFixed(2).padStart(8)}\n`,
      );
    }
    const [c, b] = rows as [ReturnType<typeof summary>, ReturnType<typeof summary>];
    process.stdout.write(
      `\n  connect / baseline: throughput ${(c.perSecond / b.perSecond).toFixed(3)}×, ` +
        `p50 ${(c.p50 / b.p50).toFixed(1)}×, p95 ${(c.p95 / b.p95).toFixed(1)}× the latency; failed connects: ${failures}\n`,
    );
    if (failures > 0) process.exitCode = 1;
  } finally {
    await app.close();
  }
}
