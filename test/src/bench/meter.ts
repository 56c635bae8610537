import pg from "pg";
import { ms } from "./measure.js";

/**
 * Where a request's time goes, measured at the drivers: every statement through pg's Client.query (which TypeORM,
 * raw SQL and BEGIN/COMMIT all use) and every operation of the LDAP client, counted and timed from call to answer.
 * Everything else of a request's latency is the API's own work and its wait for the event loop.
 */
export interface StageTotals {
  statements: number;
  sqlMs: number;
  ldapOps: number;
  ldapMs: number;
  /** Time from asking the pg pool for a connection to getting one (TypeORM takes one per query or transaction). */
  poolWaitMs: number;
}

type Method = (...args: unknown[]) => unknown;

const totals: StageTotals = { statements: 0, sqlMs: 0, ldapOps: 0, ldapMs: 0, poolWaitMs: 0 };
/** Statement texts (first words) by how often they were sent, to name what a request sends. */
const shapes = new Map<string, number>();

function shapeOf(args: unknown[]): string {
  const [first] = args;
  const text = typeof first === "string" ? first : String((first as { text?: string })?.text);
  return text.replace(/\s+/g, " ").trim().slice(0, 110);
}
const restores: (() => void)[] = [];

/** Wraps a promise- or callback-style method so its time to answer lands in `add`. */
function timed(
  target: Record<string, unknown>,
  name: string,
  add: (ms: number) => void,
  sent?: (args: unknown[]) => void,
): void {
  const original = target[name] as Method;
  target[name] = function (this: unknown, ...args: unknown[]) {
    sent?.(args);
    const t0 = performance.now();
    const last = args.length - 1;
    const callback = args[last];
    if (typeof callback === "function") {
      args[last] = (...results: unknown[]) => {
        add(performance.now() - t0);
        return (callback as Method)(...results);
      };
      return original.apply(this, args);
    }
    const result = original.apply(this, args);
    if (result && typeof (result as Promise<unknown>).then === "function") {
      (result as Promise<unknown>).then(
        () => add(performance.now() - t0),
        () => add(performance.now() - t0),
      );
    }
    return result;
  };
  restores.push(() => {
    target[name] = original;
  });
}

/** Starts counting SQL (and LDAP operations of `ldapClient`, the ldapts Client class, when given). */
export function startMeter(ldapClient?: { prototype: object }): void {
  Object.assign(totals, { statements: 0, sqlMs: 0, ldapOps: 0, ldapMs: 0, poolWaitMs: 0 });
  shapes.clear();
  timed(
    pg.Client.prototype as unknown as Record<string, unknown>,
    "query",
    (elapsed) => {
      totals.statements++;
      totals.sqlMs += elapsed;
    },
    (args) => {
      const shape = shapeOf(args);
      shapes.set(shape, (shapes.get(shape) ?? 0) + 1);
    },
  );
  timed(pg.Pool.prototype as unknown as Record<string, unknown>, "connect", (elapsed) => {
    totals.poolWaitMs += elapsed;
  });
  if (ldapClient) {
    for (const name of ["bind", "search", "unbind", "startTLS"]) {
      timed(ldapClient.prototype as Record<string, unknown>, name, (elapsed) => {
        totals.ldapOps++;
        totals.ldapMs += elapsed;
      });
    }
  }
}

/** Stops counting and returns the totals since startMeter. */
export function stopMeter(): StageTotals {
  for (const restore of restores.splice(0).reverse()) restore();
  return { ...totals };
}

/**
 * Per-operation breakdown of the mean latency: SQL round trips, LDAP round trips, API CPU, and the rest (waiting
 * for a database connection or the event loop, HTTP). Sums of awaited times, so with many clients they show where
 * one request waits, not what the machine is busy with.
 */
export function printBreakdown(
  ops: number,
  meanLatencyMs: number,
  stages: StageTotals,
  apiCpuMs: number,
  concurrency: number,
): void {
  const sql = stages.sqlMs / ops;
  const ldap = stages.ldapMs / ops;
  const cpu = apiCpuMs / ops;
  const poolWait = stages.poolWaitMs / ops;
  const rest = Math.max(0, meanLatencyMs - sql - ldap - poolWait);
  const lines = [
    `\n  where a request's ${ms(meanLatencyMs)} goes (mean per op, ${concurrency} in flight):`,
    `    SQL round trips    ${ms(sql).padStart(10)}  (${(stages.statements / ops).toFixed(1)} statements)`,
    ...(stages.ldapOps
      ? [`    LDAP round trips   ${ms(ldap).padStart(10)}  (${(stages.ldapOps / ops).toFixed(1)} operations)`]
      : []),
    `    pool connection    ${ms(poolWait).padStart(10)}  (waiting for one of the API's database connections)`,
    `    API process, rest  ${ms(rest).padStart(10)}  (API CPU ${ms(cpu)} per op; the rest is waiting behind the other` +
      " requests' CPU on the one event loop, and HTTP)",
  ];
  const top = [...shapes].sort((a, b) => b[1] - a[1]).slice(0, 12);
  lines.push("  statements per op (most frequent first):");
  for (const [shape, count] of top) lines.push(`    ${(count / ops).toFixed(2).padStart(6)}  ${shape}`);
  process.stdout.write(`${lines.join("\n")}\n`);
}
