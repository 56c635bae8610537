import { nextDueAt, tickAll } from "../core/server-state-machine.js";
import type { SimClock } from "../core/sim-clock.js";
import { isoSeconds } from "../core/sim-clock.js";
import type { SimContext } from "../core/simulator.context.js";
import type { SimRole, SimService } from "../core/simulator.types.js";
import { effectiveRoles } from "../keystone/keystone.tokens.js";

export type OutageMode = "refuse" | "503";

export interface SimCounters {
  /** Every API request received (control endpoints excluded), including rejected ones. */
  total: number;
  /** Handled requests per `<service> <METHOD> <route pattern>`, e.g. `compute POST /servers/:id/action`. */
  byRoute: Record<string, number>;
  byStatus: Record<string, number>;
  /** Finer events, e.g. `compute action os-stop`. */
  events: Record<string, number>;
  rateLimited: number;
  injectedErrors: number;
  outageRejected: number;
  /** Sum of injected latency (ms). */
  delayedMs: number;
}

/** Deterministic PRNG (mulberry32) so injected errors repeat for the same seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function emptyCounters(): SimCounters {
  return {
    total: 0,
    byRoute: {},
    byStatus: {},
    events: {},
    rateLimited: 0,
    injectedErrors: 0,
    outageRejected: 0,
    delayedMs: 0,
  };
}

/** What the chaos layer decided for one request. */
export type Preflight =
  | { kind: "pass"; delayMs: number }
  | { kind: "rate-limited"; retryAfterSeconds: number; delayMs: number }
  | { kind: "inject-500"; delayMs: number }
  | { kind: "outage-503"; retryAfterSeconds: number };

/**
 * The knobs tests and benchmarks turn: latency, random 500s (seeded), a token-bucket rate limit answering 429
 * with Retry-After, forced build failures, outages, the simulated clock, and call counters.
 */
export class SimulatorControl {
  private counterData = emptyCounters();
  private latency = { ms: 0, jitterMs: 0 };
  private errorRate = { rate: 0, services: null as SimService[] | null };
  private rateLimit: { perSecond: number; burst: number; tokens: number; refilledAt: number } | null = null;
  private outageMode: OutageMode | null = null;
  private outageTimer: NodeJS.Timeout | null = null;
  private random: () => number;

  constructor(
    private readonly ctx: SimContext,
    private readonly clock: SimClock,
    private readonly wall: () => number,
    rngSeed: number,
    private readonly applyOutage: (mode: OutageMode | null) => Promise<void>,
  ) {
    this.random = seededRandom(rngSeed);
  }

  /** Fixed delay (+ uniform jitter from the seeded RNG) before every API request is handled. */
  setLatency(ms: number, jitterMs = 0): void {
    if (ms < 0 || jitterMs < 0) throw new RangeError("latency must be >= 0");
    this.latency = { ms, jitterMs };
  }

  /** Probability (0..1) that a request gets an injected 500; optionally only for some services. */
  setErrorRate(rate: number, services?: SimService[]): void {
    if (rate < 0 || rate > 1) throw new RangeError("error rate must be within 0..1");
    this.errorRate = { rate, services: services ?? null };
  }

  /** Re-seeds the RNG behind error injection and jitter. */
  reseed(seed: number): void {
    this.random = seededRandom(seed);
  }

  /** At most `perSecond` requests per second (token bucket of size `burst`); excess gets 429 + Retry-After. */
  setRateLimit(perSecond: number | null, burst?: number): void {
    if (perSecond === null) {
      this.rateLimit = null;
      return;
    }
    if (!(perSecond > 0)) throw new RangeError("rate limit must be > 0 requests/s");
    const size = burst ?? perSecond;
    this.rateLimit = { perSecond, burst: size, tokens: size, refilledAt: this.wall() };
  }

  /** The next `count` server creates are accepted (202) and then end in ERROR with a NoValidHost fault. */
  failNextCreates(count: number, message = "No valid host was found. "): void {
    this.ctx.forced.nextCreates = count;
    this.ctx.forced.message = message;
  }

  /** Every create whose name matches ends in ERROR (null stops it). */
  failCreatesMatching(pattern: RegExp | string | null, message = "No valid host was found. "): void {
    this.ctx.forced.namePattern = pattern === null ? null : new RegExp(pattern);
    this.ctx.forced.message = message;
  }

  /**
   * What the image's owner (PUT/DELETE image members) or the member (accept, reject) would do in Glance: sets the
   * project's membership of a shared image, or removes it (null).
   */
  setImageMember(imageId: string, projectId: string, status: "pending" | "accepted" | "rejected" | null): void {
    const image = this.ctx.state.images.get(imageId);
    if (!image) throw new RangeError(`no image ${imageId}`);
    const others = (image.members ?? []).filter((m) => m.projectId !== projectId);
    image.members = status === null ? others : [...others, { projectId, status }];
  }

  /**
   * What an identity admin's role assignment does: the user's role on the project becomes `role` (null: none). A
   * removed role revokes the user's tokens on the project, as Keystone does; a granted role shows only in tokens
   * issued afterwards, since the services cache the roles of a token they validated.
   */
  setRole(userId: string, projectId: string, role: SimRole | null): void {
    const user = this.ctx.state.users.get(userId);
    if (!user) throw new RangeError(`no user ${userId}`);
    const before = effectiveRoles(this.ctx.state.rolesOf(userId, projectId));
    user.roles = [...user.roles.filter((r) => r.projectId !== projectId), ...(role ? [{ projectId, role }] : [])];
    const after = effectiveRoles(this.ctx.state.rolesOf(userId, projectId));
    if (!before.some((r) => !after.includes(r))) return;
    for (const token of this.ctx.state.tokens.values()) {
      if (token.userId === userId && token.projectId === projectId) token.revoked = true;
    }
  }

  /** Neutron's port quota of a project (null: unlimited); creates beyond it get Nova's 403. */
  setPortQuota(projectId: string, limit: number | null): void {
    if (limit === null) this.ctx.state.portQuotas.delete(projectId);
    else this.ctx.state.portQuotas.set(projectId, limit);
  }

  /** `refuse`: the port stops listening (connection refused); `503`: nginx answers 503. null restores. */
  async setOutage(mode: OutageMode | null, durationMs?: number): Promise<void> {
    if (this.outageTimer) clearTimeout(this.outageTimer);
    this.outageTimer = null;
    if (mode !== this.outageMode) {
      const previous = this.outageMode;
      this.outageMode = mode;
      if (previous === "refuse" || mode === "refuse") await this.applyOutage(mode === "refuse" ? "refuse" : null);
    }
    if (mode !== null && durationMs !== undefined) {
      this.outageTimer = setTimeout(() => void this.setOutage(null), durationMs);
      this.outageTimer.unref();
    }
  }

  get outage(): OutageMode | null {
    return this.outageMode;
  }

  /** Moves simulated time forward and applies every transition that became due. */
  advanceClock(ms: number): void {
    this.clock.advance(ms);
    tickAll(this.ctx.state, this.clock.now());
  }

  setTimeScale(scale: number): void {
    this.clock.setTimeScale(scale);
  }

  /** Advances the clock until no transition is pending (all builds/actions finished); returns ms advanced. */
  settle(maxMs = 24 * 3600 * 1000): number {
    const start = this.clock.now();
    for (let due = nextDueAt(this.ctx.state); due !== null; due = nextDueAt(this.ctx.state)) {
      if (due - start > maxMs) break;
      if (due > this.clock.now()) this.clock.advance(due - this.clock.now());
      tickAll(this.ctx.state, this.clock.now());
    }
    return this.clock.now() - start;
  }

  now(): string {
    return isoSeconds(this.clock.now());
  }

  counters(): SimCounters {
    return structuredClone(this.counterData);
  }

  resetCounters(): void {
    this.counterData = emptyCounters();
  }

  /** Clears latency, errors, rate limit, forced failures and outage. */
  async clearFaults(): Promise<void> {
    this.setLatency(0);
    this.setErrorRate(0);
    this.setRateLimit(null);
    this.failNextCreates(0);
    this.failCreatesMatching(null);
    await this.setOutage(null);
  }

  /** Called by the server for each API request, before routing. */
  preflight(service: SimService): Preflight {
    this.counterData.total += 1;
    if (this.outageMode === "503") {
      this.counterData.outageRejected += 1;
      return { kind: "outage-503", retryAfterSeconds: 5 };
    }
    const delayMs =
      this.latency.ms + (this.latency.jitterMs > 0 ? Math.round(this.random() * this.latency.jitterMs) : 0);
    this.counterData.delayedMs += delayMs;
    if (this.rateLimit) {
      const rl = this.rateLimit;
      const now = this.wall();
      rl.tokens = Math.min(rl.burst, rl.tokens + ((now - rl.refilledAt) / 1000) * rl.perSecond);
      rl.refilledAt = now;
      if (rl.tokens < 1) {
        this.counterData.rateLimited += 1;
        return {
          kind: "rate-limited",
          retryAfterSeconds: Math.max(1, Math.ceil((1 - rl.tokens) / rl.perSecond)),
          delayMs,
        };
      }
      rl.tokens -= 1;
    }
    const { rate, services } = this.errorRate;
    if (rate > 0 && (services === null || services.includes(service)) && this.random() < rate) {
      this.counterData.injectedErrors += 1;
      return { kind: "inject-500", delayMs };
    }
    return { kind: "pass", delayMs };
  }

  record(service: SimService, method: string, route: string, status: number): void {
    const key = `${service} ${method} ${route}`;
    this.counterData.byRoute[key] = (this.counterData.byRoute[key] ?? 0) + 1;
    this.counterData.byStatus[String(status)] = (this.counterData.byStatus[String(status)] ?? 0) + 1;
  }

  countEvent(key: string): void {
    this.counterData.events[key] = (this.counterData.events[key] ?? 0) + 1;
  }
}
