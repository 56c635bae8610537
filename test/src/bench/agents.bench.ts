import { Pool as PoolEntity } from "@atrium/schema";
import { createCloud, createPool, createTenant } from "../fixtures/factories.js";
import { startTestApp, type TestApp } from "../fixtures/test-app.js";
import { type LoadRequest, type LoadRun, runLoad } from "./load.js";
import { ms, printGoals, printTable, summarize, useMachinePostgres } from "./measure.js";
import { printBreakdown, startMeter, stopMeter } from "./meter.js";

const SESSIONS = Number(process.env.BENCH_AGENT_SESSIONS ?? 20_000);
const SECONDS = Number(process.env.BENCH_AGENT_SECONDS ?? 20);
const BURST = Number(process.env.BENCH_AGENT_BURST ?? 1000);
const BURST_CLIENTS = 64;
/** Connections the steady agents may hold open at once; more requests than this wait in the load client. */
const STEADY_SOCKETS = 256;
/** One shared secret part keeps the seeding in SQL; each token still names (and only opens) its own desktop. */
const SECRET = "b".repeat(43);

interface Tracked {
  desktopId: string;
  username: string;
}

/** SESSIONS desktops, each assigned to its own user with a live session and an agent token, seeded in SQL. */
async function seedTrackedSessions(app: TestApp): Promise<Tracked[]> {
  const tenant = await createTenant(app, "agents");
  const pool = await createPool(app, tenant, await createCloud(app), "fleet");
  const ds = app.database.dataSource;
  await ds.getRepository(PoolEntity).update({ id: pool.id }, { maxTotal: SESSIONS });
  await ds.query(
    `INSERT INTO app_user (tenant_id, username, display_name, source)
     SELECT $1, 'agent' || g, 'Agent user ' || g, 'local' FROM generate_series(1, $2::int) g`,
    [tenant.id, SESSIONS],
  );
  await ds.query(
    `INSERT INTO desktop (tenant_id, pool_id, name, seq, availability, observed_power_state, provisioning_state,
                          assigned_user_id, session_state)
     SELECT $1, $2, 'FLEET-' || lpad(g::text, 5, '0'), g, 'assigned', 'running', 'ready', u.id, 'logged_in'
     FROM generate_series(1, $3::int) g JOIN app_user u ON u.tenant_id = $1 AND u.username = 'agent' || g`,
    [tenant.id, pool.id, SESSIONS],
  );
  await ds.query(
    `INSERT INTO assignment (tenant_id, desktop_id, user_id, pool_id, assigned_at)
     SELECT tenant_id, id, assigned_user_id, pool_id, now() FROM desktop WHERE tenant_id = $1`,
    [tenant.id],
  );
  await ds.query(
    `INSERT INTO desktop_session (tenant_id, desktop_id, user_id, assignment_id, username, state, started_at, last_event_at)
     SELECT a.tenant_id, a.desktop_id, a.user_id, a.id, u.username, 'active', now(), now()
     FROM assignment a JOIN app_user u ON u.id = a.user_id WHERE a.tenant_id = $1`,
    [tenant.id],
  );
  await ds.query(
    `INSERT INTO desktop_agent_token (tenant_id, desktop_id, token_hash)
     SELECT tenant_id, id, encode(sha256(convert_to('atd_' || id || '_' || $2, 'UTF8')), 'hex') FROM desktop WHERE tenant_id = $1`,
    [tenant.id, SECRET],
  );
  await ds.query("ANALYZE");
  return ds.query(
    `SELECT d.id AS "desktopId", u.username FROM desktop d JOIN app_user u ON u.id = d.assigned_user_id
     WHERE d.tenant_id = $1 ORDER BY d.seq`,
    [tenant.id],
  );
}

function event(desktop: Tracked, name: "heartbeat" | "login" | "logout"): LoadRequest {
  return {
    path: "/agent/v1/events",
    headers: { authorization: `Bearer atd_${desktop.desktopId}_${SECRET}` },
    body: JSON.stringify(name === "login" ? { event: name, username: `CORP\\${desktop.username}` } : { event: name }),
  };
}

const cpuShare = (run: LoadRun) => run.apiCpuMs / (run.seconds * 1000);

/**
 * `npm run bench -- agents`: SESSIONS tracked sessions whose agents each send a heartbeat a minute (an open-loop
 * rate of SESSIONS/60 per second for SECONDS), then a burst of BURST logouts and BURST logins with 64 clients,
 * through POST /agent/v1/events. Reports events/s, p95 and the share of one core the API process used.
 */
export async function runAgentsBench(): Promise<void> {
  useMachinePostgres();
  const app = await startTestApp();
  try {
    const seeded = performance.now();
    const tracked = await seedTrackedSessions(app);
    const rate = SESSIONS / 60;
    process.stdout.write(
      `setup: ${tracked.length} tracked sessions with agent tokens in ${((performance.now() - seeded) / 1000).toFixed(1)} s; ` +
        `heartbeats at ${rate.toFixed(0)}/s for ${SECONDS} s, then ${BURST} logouts + ${BURST} logins at ${BURST_CLIENTS} clients\n`,
    );

    const heartbeats = Array.from({ length: Math.round(rate * SECONDS) }, (_, index) =>
      event(tracked[index % tracked.length]!, "heartbeat"),
    );
    startMeter();
    const steady = await runLoad({ url: app.url, clients: STEADY_SOCKETS, requests: heartbeats, ratePerSecond: rate });
    const steadyStages = stopMeter();
    const bursting = tracked.slice(0, BURST);
    const logouts = await runLoad({
      url: app.url,
      clients: BURST_CLIENTS,
      requests: bursting.map((desktop) => event(desktop, "logout")),
    });
    const logins = await runLoad({
      url: app.url,
      clients: BURST_CLIENTS,
      requests: bursting.map((desktop) => event(desktop, "login")),
    });

    const h = summarize("heartbeats (steady)", steady.latenciesMs, steady.seconds);
    const lo = summarize("logout burst", logouts.latenciesMs, logouts.seconds);
    const li = summarize("login burst", logins.latenciesMs, logins.seconds);
    printTable([h, lo, li]);
    const failures = steady.failures + logouts.failures + logins.failures;
    const first = steady.firstFailure ?? logouts.firstFailure ?? logins.firstFailure;
    process.stdout.write(
      `\n  API CPU per event: heartbeat ${ms(steady.apiCpuMs / h.ops)}, logout ${ms(logouts.apiCpuMs / lo.ops)}, ` +
        `login ${ms(logins.apiCpuMs / li.ops)}; ${(steadyStages.statements / h.ops).toFixed(1)} SQL statements per ` +
        `heartbeat; failed events: ${failures}${first ? ` (first: ${first})` : ""}\n`,
    );
    const share = cpuShare(steady);
    const perHeartbeat = steady.apiCpuMs / h.ops;
    process.stdout.write(
      `  at ${ms(perHeartbeat)} of API CPU per heartbeat, 25 % of one core tracks about ` +
        `${Math.round((60_000 * 0.25) / perHeartbeat).toLocaleString("en")} sessions (one heartbeat a minute each)\n`,
    );
    // Tracking SESSIONS means keeping up with their heartbeats: a run that fell behind used less CPU per second only
    // because it did less, so the share is also projected to the full rate from the CPU each heartbeat cost.
    const projected = (perHeartbeat * rate) / 1000;
    const met = printGoals([
      {
        label: `heartbeats of ${SESSIONS.toLocaleString("en")} tracked sessions answered`,
        measured: `${h.perSecond.toFixed(0)} events/s`,
        goal: `the ${rate.toFixed(0)}/s they send`,
        met: h.perSecond >= rate * 0.95,
      },
      {
        label: `API CPU for ${SESSIONS.toLocaleString("en")} tracked sessions`,
        measured: `${(share * 100).toFixed(1)} % of one core during the run, ${(projected * 100).toFixed(0)} % at ${rate.toFixed(0)} heartbeats/s`,
        goal: "< 25 %",
        met: Math.max(share, projected) < 0.25,
      },
    ]);
    const mean = steady.latenciesMs.reduce((sum, value) => sum + value, 0) / h.ops;
    if (!met) printBreakdown(h.ops, mean, steadyStages, steady.apiCpuMs, STEADY_SOCKETS);
    if (failures > 0) process.exitCode = 1;
  } finally {
    await app.close();
  }
}
