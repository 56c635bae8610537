import type { MicroversionRange } from "./nova-microversion.js";
import type { MachineContext } from "./server-state-machine.js";
import type { SimClock } from "./sim-clock.js";
import type { SimState } from "./simulator.state.js";
import type { SimTimings } from "./simulator.types.js";

/** Where each service is mounted on the single listening port (the Keystone catalog advertises these). */
export interface SimUrls {
  base: string;
  identity: string;
  compute: string;
  image: string;
  network: string;
  volume: string;
}

export const SERVICE_PREFIXES = {
  identity: "/identity",
  compute: "/compute",
  image: "/image",
  network: "/network",
  volume: "/volume",
} as const;

export function buildUrls(base: string): SimUrls {
  const trimmed = base.replace(/\/+$/, "");
  return {
    base: trimmed,
    identity: trimmed + SERVICE_PREFIXES.identity,
    compute: trimmed + SERVICE_PREFIXES.compute,
    image: trimmed + SERVICE_PREFIXES.image,
    network: trimmed + SERVICE_PREFIXES.network,
    volume: trimmed + SERVICE_PREFIXES.volume,
  };
}

/** Build failures requested through the control surface. */
export interface ForcedFailures {
  nextCreates: number;
  namePattern: RegExp | null;
  message: string;
}

/** Everything a route handler may use. One per simulator instance. */
export interface SimContext {
  state: SimState;
  clock: SimClock;
  urls: SimUrls;
  timings: SimTimings;
  microversions: MicroversionRange;
  tokenTtlMs: number;
  consoleBaseUrl: string | null;
  autoAllocateNetwork: boolean;
  shelvedOffloadMs: number;
  forced: ForcedFailures;
  /** Counts a named event (e.g. one per server action kind) next to the per-route counters. */
  count: (key: string) => void;
}

export function machineContext(ctx: SimContext): MachineContext {
  return { state: ctx.state, timings: ctx.timings, now: ctx.clock.now(), shelvedOffloadMs: ctx.shelvedOffloadMs };
}
