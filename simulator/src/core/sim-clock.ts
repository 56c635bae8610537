import type { SimClockOptions } from "./simulator.types.js";

/**
 * Simulated time. In `real` mode it follows the wall clock (optionally faster, `timeScale`); in `manual` mode it
 * only moves through `advance()`, so tests walk through transitional states without sleeping. Both modes accept
 * `advance()` so a benchmark can skip a long build.
 */
export class SimClock {
  private baseSim: number;
  private baseWall: number;
  private offset = 0;
  private scale: number;
  readonly mode: "real" | "manual";

  constructor(
    options: SimClockOptions = { mode: "real" },
    private readonly wall: () => number = Date.now,
  ) {
    this.mode = options.mode;
    this.baseWall = wall();
    this.baseSim = options.start === undefined ? this.baseWall : new Date(options.start).getTime();
    this.scale = options.mode === "real" ? (options.timeScale ?? 1) : 0;
  }

  now(): number {
    if (this.mode === "manual") return this.baseSim + this.offset;
    return this.baseSim + (this.wall() - this.baseWall) * this.scale + this.offset;
  }

  advance(ms: number): void {
    if (ms < 0) throw new RangeError("the simulated clock cannot go backwards");
    this.offset += ms;
  }

  /** Changes the speed from now on without a jump in simulated time. */
  setTimeScale(scale: number): void {
    if (this.mode === "manual") throw new Error("a manual clock has no time scale; use advance()");
    if (!(scale > 0)) throw new RangeError("timeScale must be > 0");
    this.baseSim = this.now() - this.offset;
    this.baseWall = this.wall();
    this.scale = scale;
  }

  get timeScale(): number {
    return this.scale;
  }
}

/** Nova `created`/`updated`: second precision with Z. */
export function isoSeconds(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}Z`;
}

/** Nova DB datetimes (`launched_at`, instance actions): microseconds, no Z, always .000000 (MySQL DATETIME). */
export function isoMicrosNoZone(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}.000000`;
}

/** Keystone `expires_at`/`issued_at`. */
export function isoMicrosZulu(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}.000000Z`;
}

export function truncateToSecond(ms: number): number {
  return Math.floor(ms / 1000) * 1000;
}
