import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { acrossTenants, loginHistoryRows, reportCsvStream, reportPdf } from "@atrium/api";
import { ensurePackages } from "@atrium/api/testing/test-services";
import { createReportCsvStream, type LoginHistoryRow, loginHistoryReport } from "@atrium/reports";
import { Pool, Tenant } from "@atrium/schema";
import type { DataSource } from "typeorm";
import { repoRoot } from "../fixtures/stack.js";
import { openTestDatabase } from "../fixtures/test-database.js";
import { copyLoginHistory } from "./copy-baseline.js";
import { type Goal, printGoals, useMachinePostgres } from "./measure.js";

const CSV_ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const DESKTOPS = 2_000;
const USERS = 1_500;
const POOLS = 8;
const TIME_ZONE = "Europe/Berlin";
/** October 2026 in Berlin: CEST until the 25th, then CET, so the month is 31 days and one hour long. */
const MONTH = { from: new Date("2026-09-30T22:00:00Z"), to: new Date("2026-10-31T23:00:00Z") };
const artifactsDir = path.join(repoRoot, "artifacts/bench-reports");

/** Samples resident memory while `work` runs; the peak is what a customer's server must have free. */
async function withPeakRss<T>(work: () => Promise<T>): Promise<{ result: T; peakMb: number; ms: number }> {
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 20);
  const started = performance.now();
  try {
    const result = await work();
    return { result, peakMb: Math.max(peak, process.memoryUsage.rss()) / 2 ** 20, ms: performance.now() - started };
  } finally {
    clearInterval(timer);
  }
}

/** Counts bytes and drops them, so the measurement is the pipeline's, not a disk's. */
function byteCounter(): Writable & { bytes: number } {
  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      sink.bytes += chunk.length;
      callback();
    },
  }) as Writable & { bytes: number };
  sink.bytes = 0;
  return sink;
}

/** One million sign-ins in one statement: generate_series is far faster than any client-side insert. */
async function seedLoginEvents(ds: DataSource, tenantId: string): Promise<void> {
  await ds.query(
    `INSERT INTO login_event (tenant_id, username, client_ip, provider_kind, mfa, outcome, reason, created_at)
     SELECT $1, 'user' || (g % 5000) || '@acme.example', '10.' || (g % 250) || '.' || (g % 199) || '.' || (g % 97),
            'ldap', CASE WHEN g % 3 = 0 THEN 'totp' ELSE 'none' END,
            CASE WHEN g % 25 = 0 THEN 'failure' WHEN g % 101 = 0 THEN 'locked' ELSE 'success' END,
            CASE WHEN g % 25 = 0 THEN 'Invalid credentials' WHEN g % 101 = 0 THEN 'Account locked' END,
            $2::timestamptz + g * interval '2 seconds'
     FROM generate_series(1, $3::int) AS g`,
    [tenantId, MONTH.from.toISOString(), CSV_ROWS],
  );
  // Fresh statistics, as autovacuum would gather on a live server; without them the planner may sort every page.
  await ds.query("ANALYZE login_event");
}

function* generatedLoginRows(): Generator<LoginHistoryRow> {
  for (let g = 1; g <= CSV_ROWS; g++) {
    yield {
      time: new Date(MONTH.from.getTime() + g * 2000),
      user: `user${g % 5000}@acme.example`,
      sourceIp: `10.${g % 250}.${g % 199}.${g % 97}`,
      location: null,
      identityProvider: "ldap",
      mfa: g % 3 === 0 ? "TOTP" : null,
      outcome: g % 25 === 0 ? "failure" : g % 101 === 0 ? "denied" : "success",
      reason: g % 25 === 0 ? "Invalid credentials" : g % 101 === 0 ? "Account locked" : null,
    };
  }
}

/** A 2,000-desktop tenant: pools, users, and a month of assignments (about one per desktop per working day). */
async function seedDesktopTenant(ds: DataSource, tenant: Tenant): Promise<void> {
  const cloud = await ds.query(
    `INSERT INTO cloud (name, auth_url, domain_name, project_name, username, password_enc) VALUES ('bench', 'http://127.0.0.1:1/v3', 'Default', 'admin', 'svc', 'x') RETURNING id`,
  );
  const pools: Pool[] = [];
  for (let p = 0; p < POOLS; p++) {
    pools.push(
      await ds.getRepository(Pool).save({
        tenantId: tenant.id,
        cloudId: cloud[0].id,
        name: ["Finance", "Engineering", "Call centre", "Design", "Sales", "Support", "Legal", "Kiosk"][p]!,
        imageRef: "6aa2c0c6-8dc2-41eb-8c34-eda8bdce460d",
        flavorRef: "vdi.medium",
        networkIds: [],
        securityGroups: [],
        namePattern: `pool${p}-{SEQ}`,
        maxTotal: DESKTOPS / POOLS + 50,
      }),
    );
  }
  await ds.query(
    `INSERT INTO app_user (tenant_id, username, display_name, source)
     SELECT $1, 'employee' || g || '@bigcorp.example', 'Employee ' || g, 'local' FROM generate_series(1, $2::int) g`,
    [tenant.id, USERS],
  );
  await ds.query(
    `INSERT INTO desktop (tenant_id, pool_id, name, seq, availability, observed_power_state, provisioning_state)
     SELECT $1, ($2::uuid[])[1 + g % $3], 'BIG-' || lpad(g::text, 5, '0'), g, 'available', 'running', 'ready'
     FROM generate_series(1, $4::int) g`,
    [tenant.id, pools.map((p) => p.id), POOLS, DESKTOPS],
  );
  await ds.query(
    `INSERT INTO assignment (tenant_id, desktop_id, user_id, pool_id, assigned_at, released_at, release_reason)
     SELECT d.tenant_id, d.id, u.id, d.pool_id,
            day + interval '8 hours' + (d.seq % 60) * interval '1 minute',
            day + interval '16 hours' + (d.seq % 90) * interval '1 minute',
            (ARRAY['logout', 'disconnect', 'idle', 'admin'])[1 + d.seq % 4]
     FROM desktop d
     JOIN LATERAL (SELECT id FROM app_user WHERE tenant_id = d.tenant_id ORDER BY username OFFSET (d.seq % $2) LIMIT 1) u ON true
     CROSS JOIN generate_series($3::timestamptz, $4::timestamptz - interval '1 day', interval '1 day') day
     WHERE d.tenant_id = $1 AND extract(isodow FROM day) < 6 AND (d.seq + extract(day FROM day)::int) % 3 = 0`,
    [tenant.id, USERS, MONTH.from.toISOString(), MONTH.to.toISOString()],
  );
  // Each assignment came from a sign-in and a connection a minute earlier, so the hourly tables have a working day.
  await ds.query(
    `INSERT INTO login_event (tenant_id, user_id, username, client_ip, provider_kind, mfa, outcome, created_at)
     SELECT a.tenant_id, a.user_id, u.username, '198.51.100.' || (extract(minute FROM a.assigned_at)::int + 1), 'ldap', 'totp', 'success', a.assigned_at - interval '1 minute'
     FROM assignment a JOIN app_user u ON u.id = a.user_id WHERE a.tenant_id = $1`,
    [tenant.id],
  );
  await ds.query(
    `INSERT INTO desktop_session (tenant_id, desktop_id, user_id, assignment_id, username, state, started_at, ended_at)
     SELECT tenant_id, desktop_id, user_id, id, 'session', 'ended', assigned_at, released_at FROM assignment WHERE tenant_id = $1`,
    [tenant.id],
  );
  await ds.query(
    `INSERT INTO provisioning_event (tenant_id, pool_id, desktop_id, kind, level, message, created_at)
     SELECT tenant_id, pool_id, id, CASE WHEN seq % 40 = 0 THEN 'fault' ELSE 'ready' END, 'info', name, $2::timestamptz + seq * interval '10 minutes'
     FROM desktop WHERE tenant_id = $1`,
    [tenant.id, MONTH.from.toISOString()],
  );
}

function keepPages(pdf: Buffer, name: string, pages: number): void {
  fs.mkdirSync(artifactsDir, { recursive: true });
  const file = path.join(artifactsDir, `${name}.pdf`);
  fs.writeFileSync(file, pdf);
  execFileSync("pdftoppm", ["-png", "-r", "80", "-l", String(pages), file, path.join(artifactsDir, name)]);
}

/**
 * `npm run bench -- reports`: a 1,000,000-row login-history CSV streamed from the database through the loader and
 * the renderer, next to PostgreSQL's own COPY … TO STDOUT WITH CSV of the same rows, then monthly
 * PDFs for a tenant with 2,000 desktops. Goals: CSV ≥ 0.5× COPY, peak RSS under 300 MB. PostgreSQL by default
 * (DATABASE_URL=memory:// renders generated rows instead, without the COPY baseline: the embedded database
 * would live in this process and count towards its memory).
 */
export async function runReportsBench(): Promise<void> {
  await ensurePackages("reports");
  useMachinePostgres();
  // Only the database and the report code: the API server's own footprint is not what this measures.
  const { database, dispose } = await openTestDatabase();
  try {
    const ds = database.dataSource;
    const fromDb = Boolean(process.env.DATABASE_URL?.startsWith("postgres"));
    const acme = await ds.getRepository(Tenant).save({ name: "Acme", slug: "acme" });
    if (fromDb) {
      const seeded = performance.now();
      await seedLoginEvents(ds, acme.id);
      process.stdout.write(
        `seeded ${CSV_ROWS} login events in ${((performance.now() - seeded) / 1000).toFixed(1)} s\n`,
      );
    }
    const baseline = process.memoryUsage.rss() / 2 ** 20;
    const sink = byteCounter();
    const tenantDoor = (id: string) =>
      acrossTenants(ds.manager, "bench reads one tenant's reports", "bench").forTenant(id);
    const request = {
      db: tenantDoor(acme.id),
      report: "login-history" as const,
      period: MONTH,
      timeZone: TIME_ZONE,
      generatedAt: new Date(),
    };
    const csv = await withPeakRss(() =>
      pipeline(
        fromDb
          ? reportCsvStream(request)
          : createReportCsvStream(loginHistoryReport, generatedLoginRows(), { timeZone: TIME_ZONE }),
        sink,
      ),
    );
    const source = fromDb ? "PostgreSQL → keyset loader → CSV" : "generated rows → CSV (DATABASE_URL=memory://)";
    process.stdout.write(
      `login-history CSV (${source}): ${CSV_ROWS.toLocaleString("en")} rows, ${(sink.bytes / 2 ** 20).toFixed(0)} MB in ${(csv.ms / 1000).toFixed(1)} s = ${Math.round(CSV_ROWS / (csv.ms / 1000)).toLocaleString("en")} rows/s; peak RSS ${csv.peakMb.toFixed(0)} MB (${baseline.toFixed(0)} MB before the export, so +${(csv.peakMb - baseline).toFixed(0)} MB; target < 300 MB) ${csv.peakMb < 300 ? "OK" : "OVER"}\n`,
    );
    const goals: Goal[] = [];
    if (fromDb) {
      // The loader alone (no rendering) also verifies the count: a loader that stopped early would look fast.
      const loaderStarted = performance.now();
      let rows = 0;
      for await (const _row of loginHistoryRows(tenantDoor(acme.id), MONTH, 5_000)) rows++;
      const loaderMs = performance.now() - loaderStarted;
      if (rows !== CSV_ROWS) throw new Error(`loader returned ${rows} rows, expected ${CSV_ROWS}`);
      const copySink = byteCounter();
      const url = (ds.options as { url?: string }).url ?? "";
      const copyMs = await copyLoginHistory(url, acme.id, MONTH, copySink);
      const ratio = copyMs / csv.ms;
      process.stdout.write(
        `COPY (SELECT …) TO STDOUT WITH CSV of the same rows (psql): ${(copySink.bytes / 2 ** 20).toFixed(0)} MB in ${(copyMs / 1000).toFixed(1)} s = ${Math.round(CSV_ROWS / (copyMs / 1000)).toLocaleString("en")} rows/s\n`,
      );
      goals.push({
        label: "CSV export / COPY throughput",
        measured: `${ratio.toFixed(3)}×`,
        goal: "≥ 0.5×",
        met: ratio >= 0.5,
      });
      if (ratio < 0.5) {
        process.stdout.write(
          `  where the export's ${(csv.ms / 1000).toFixed(1)} s go: keyset loader (SQL pages + row mapping) ${(loaderMs / 1000).toFixed(1)} s, ` +
            `CSV rendering and streaming ${(Math.max(0, csv.ms - loaderMs) / 1000).toFixed(1)} s; COPY needs ${(copyMs / 1000).toFixed(1)} s for both\n`,
        );
      }
    }
    goals.push({
      label: "login-history CSV peak RSS",
      measured: `${csv.peakMb.toFixed(0)} MB`,
      goal: "< 300 MB",
      met: csv.peakMb < 300,
    });

    const big = await ds
      .getRepository(Tenant)
      .save({ name: "BigCorp Europe", slug: "bigcorp", brandColor: "#0f766e", maxDesktops: 2_400 });
    await seedDesktopTenant(ds, big);
    for (const report of ["assignment-history", "broker-metrics"] as const) {
      const pdf = await withPeakRss(() =>
        reportPdf({
          db: tenantDoor(big.id),
          report,
          period: MONTH,
          timeZone: TIME_ZONE,
          generatedAt: new Date(),
        }),
      );
      const pages = Number(/\/Type \/Pages[^>]*\/Count (\d+)/.exec(pdf.result.toString("latin1"))?.[1] ?? 0);
      keepPages(pdf.result, `${report}-monthly-2000-desktops`, 4);
      process.stdout.write(
        `${report} monthly PDF for ${DESKTOPS} desktops: ${(pdf.result.length / 2 ** 20).toFixed(1)} MB, ${pages || "?"} pages in ${(pdf.ms / 1000).toFixed(1)} s; peak RSS ${pdf.peakMb.toFixed(0)} MB\n`,
      );
      goals.push({
        label: `${report} PDF peak RSS`,
        measured: `${pdf.peakMb.toFixed(0)} MB (${baseline.toFixed(0)} MB before any report; the PDF is rendered whole in memory, then mailed)`,
        goal: "< 300 MB",
        met: pdf.peakMb < 300,
      });
    }
    process.stdout.write(`PDF pages (first 4 of each) as PNG in ${path.relative(repoRoot, artifactsDir)}/\n`);
    printGoals(goals);
  } finally {
    await dispose();
  }
}
