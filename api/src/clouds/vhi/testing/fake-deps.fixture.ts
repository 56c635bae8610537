import type { VhiClientConfig, VhiClientDeps } from "../vhi.types.js";

export interface FakeDeps extends VhiClientDeps {
  /** Every requested sleep, in ms; sleeping advances the fake clock instead of waiting. */
  sleeps: number[];
  advance(ms: number): void;
  warnings: Array<{ obj: object; msg?: string }>;
}

/** Deterministic deps: a clock that only moves when told (or slept), and a fixed "random" for jitter. */
export function fakeDeps(start = Date.parse("2026-11-26T21:00:00Z"), random = 0.5): FakeDeps {
  let now = start;
  const sleeps: number[] = [];
  const warnings: Array<{ obj: object; msg?: string }> = [];
  return {
    fetch: (input, init) => globalThis.fetch(input, init),
    clock: () => now,
    sleep: async (ms, signal) => {
      if (signal?.aborted) throw signal.reason;
      sleeps.push(ms);
      now += ms;
    },
    random: () => random,
    logger: { debug: () => {}, warn: (obj, msg) => warnings.push({ obj, msg }) },
    sleeps,
    warnings,
    advance: (ms) => {
      now += ms;
    },
  };
}

export function replayConfig(authUrl: string, overrides: Partial<VhiClientConfig> = {}): VhiClientConfig {
  return {
    authUrl,
    domain: "default",
    project: "tenant-acme",
    username: "acme-user",
    password: "s3cret-Passw0rd",
    timeoutMs: 2_000,
    ...overrides,
  };
}
