// Deterministic sample data for the renderer tests: a seeded generator so every run draws the same PDF.
import type { AssignmentHistoryRow } from "../definitions/assignment-history.report.js";
import type { BrokerMetricsData, PoolMetricsRow } from "../definitions/broker-metrics.report.js";
import type { LoginHistoryRow, LoginOutcome } from "../definitions/login-history.report.js";
import type { UsageDailyPoint, UsageRow } from "../definitions/usage.report.js";

export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const pick = <T>(random: () => number, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
const round = (value: number, decimals = 2) => Math.round(value * 10 ** decimals) / 10 ** decimals;

/** May 2025 in Europe/Berlin (CEST, UTC+2), the zone the PDF tests render in. */
export const SAMPLE_PERIOD = { from: new Date("2025-04-30T22:00:00Z"), to: new Date("2025-05-31T22:00:00Z") };
export const SAMPLE_GENERATED_AT = new Date("2025-06-01T06:30:00Z");

const USERS = [
  "anna.schmidt@northwind.example",
  "bjorn.larsen@northwind.example",
  "chloé.durand@northwind.example",
  "łukasz.nowak@northwind.example",
  "dmitri.ivanov@northwind.example",
  "emma.jones@northwind.example",
  "farid.haddad@northwind.example",
  "grace.okafor@northwind.example",
  "hiro.tanaka@northwind.example",
  "isabel.garcía@northwind.example",
];
const POOLS = ["Finance Win11", "Engineering Ubuntu", "Call Centre", "Design GPU", "Contractors"];
const FLAVORS = ["vd.2c4g", "vd.4c8g", "vd.8c16g"];

export function* sampleUsageRows(count: number, seed = 1): Generator<UsageRow> {
  const random = seededRandom(seed);
  for (let index = 0; index < count; index += 1) {
    const flavor = pick(random, FLAVORS);
    const vcpus = Number(/(\d+)c/.exec(flavor)![1]);
    const ram = Number(/(\d+)g/.exec(flavor)![1]);
    const desktopHours = round(40 + random() * 200);
    const assignedHours = round(desktopHours * (0.6 + random() * 0.4));
    const user = index % 17 === 16 ? null : USERS[index % USERS.length]!;
    yield {
      tenant: "Northwind Traders",
      pool: POOLS[index % POOLS.length]!,
      flavor,
      user: user && count > USERS.length ? user.replace("@", `+${Math.floor(index / USERS.length)}@`) : user,
      desktopHours,
      assignedHours,
      sessionHours: round(assignedHours * (0.5 + random() * 0.45)),
      vcpuHours: round(desktopHours * vcpus),
      ramGbHours: round(desktopHours * ram),
      storageGbHours: round(desktopHours * 80),
    };
  }
}

export function sampleUsageDaily(seed = 2): UsageDailyPoint[] {
  const random = seededRandom(seed);
  return Array.from({ length: 31 }, (_, index) => {
    const weekday = (index + 4) % 7; // 1 May 2025 was a Thursday.
    const weekend = weekday === 0 || weekday === 6;
    const desktopHours = round((weekend ? 120 : 620) + random() * 90);
    return {
      day: `2025-05-${String(index + 1).padStart(2, "0")}`,
      desktopHours,
      sessionHours: round(desktopHours * (0.55 + random() * 0.2)),
    };
  });
}

const OUTCOMES: readonly { outcome: LoginOutcome; reason: string | null }[] = [
  { outcome: "failure", reason: "Invalid password" },
  { outcome: "failure", reason: "MFA code rejected (expired or reused one-time code)" },
  { outcome: "denied", reason: "Access rule 'Office hours only' denies sign-in from location 'Internet' at this time" },
  { outcome: "failure", reason: "Account locked after repeated failures" },
];

export async function* sampleLoginRows(count: number, seed = 3): AsyncGenerator<LoginHistoryRow> {
  const random = seededRandom(seed);
  const start = SAMPLE_PERIOD.from.getTime();
  const step = (SAMPLE_PERIOD.to.getTime() - start) / Math.max(count, 1);
  for (let index = 0; index < count; index += 1) {
    const failed = random() < 0.12;
    const result = failed ? pick(random, OUTCOMES) : { outcome: "success" as const, reason: null };
    const office = random() < 0.7;
    yield {
      time: new Date(start + index * step + random() * step * 0.5),
      user: pick(random, USERS),
      sourceIp: office
        ? `10.20.${Math.floor(random() * 4)}.${10 + Math.floor(random() * 200)}`
        : `203.0.113.${Math.floor(random() * 250)}`,
      location: office ? "Head office" : random() < 0.5 ? "Internet" : null,
      identityProvider: pick(random, ["Entra ID (SAML)", "Corporate AD", "Okta OIDC"]),
      mfa: result.outcome === "success" ? pick(random, ["TOTP", "TOTP", "RADIUS", null]) : null,
      outcome: result.outcome,
      reason: result.reason,
    };
  }
}

const RELEASE_REASONS = [
  "User logged out",
  "Idle timeout",
  "Released by administrator",
  "Desktop rebuilt",
  "Session expired",
];

export function* sampleAssignmentRows(count: number, seed = 4): Generator<AssignmentHistoryRow> {
  const random = seededRandom(seed);
  const start = SAMPLE_PERIOD.from.getTime();
  const step = (SAMPLE_PERIOD.to.getTime() - start) / Math.max(count, 1);
  for (let index = 0; index < count; index += 1) {
    const assignedAt = new Date(start + index * step);
    const active = index >= count - 3;
    const pool = POOLS[index % POOLS.length]!;
    yield {
      user: pick(random, USERS),
      desktop: `${pool.split(" ")[0]!.toLowerCase()}-${String(1 + Math.floor(random() * 40)).padStart(3, "0")}`,
      pool,
      assignedAt,
      releasedAt: active ? null : new Date(assignedAt.getTime() + (20 + random() * 540) * 60_000),
      releaseReason: active ? null : pick(random, RELEASE_REASONS),
    };
  }
}

export function sampleBrokerMetrics(seed = 5): BrokerMetricsData {
  const random = seededRandom(seed);
  const pools: PoolMetricsRow[] = POOLS.map((pool, index) => {
    const desktops = 10 + index * 8;
    const peakInUse = Math.min(desktops, Math.round(desktops * (0.6 + random() * 0.4)));
    const requested = 5 + Math.floor(random() * 40);
    return {
      pool,
      desktops,
      maxDesktops: index === 4 ? null : desktops + 10,
      avgInUse: round(peakInUse * (0.5 + random() * 0.3), 1),
      peakInUse,
      provisioningRequested: requested,
      provisioningSucceeded: index === 3 ? requested - 4 : requested,
    };
  });
  // Sunday 25 May 2025, 00:00 in Europe/Berlin: one week of hourly buckets ending with the period.
  const start = new Date("2025-05-24T22:00:00Z").getTime();
  const hourly = Array.from({ length: 7 * 24 }, (_, index) => {
    const hour = index % 24;
    const day = Math.floor(index / 24);
    const business = hour >= 7 && hour <= 17 && day >= 1 && day <= 5;
    const logins = Math.round((business ? 30 : 2) + random() * (business ? 25 : 4));
    const connects = Math.round(logins * 1.3);
    const p50 = round(900 + random() * 300, 0);
    return {
      hour: new Date(start + index * 3_600_000),
      logins,
      failedLogins: Math.floor(logins * random() * 0.1),
      connects,
      connectLatencyP50Ms: connects === 0 ? null : p50,
      connectLatencyP95Ms: connects === 0 ? null : round(p50 * (1.6 + random()), 0),
    };
  });
  return {
    rows: pools,
    hourly,
    capacity: [
      { resource: "vCPUs", unit: "cores", used: 412, quota: 480 },
      { resource: "RAM", unit: "GiB", used: 860, quota: 1024 },
      { resource: "Instances", unit: "VMs", used: 120, quota: 125 },
      { resource: "Volume storage", unit: "GiB", used: 9600, quota: 20000 },
      { resource: "Floating IPs", unit: "addresses", used: 3, quota: null },
    ],
    connectLatency: { p50Ms: 1020, p95Ms: 2380 },
  };
}
