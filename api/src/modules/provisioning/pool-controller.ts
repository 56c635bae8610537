import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { acrossTenants } from "../../db/index.js";
import { withLease } from "../../jobs/index.js";
import { type PassResult, runPoolPass } from "./pool-pass.js";
import type { ControllerDeps } from "./pool-pass.types.js";

export interface PoolControllerOptions extends ControllerDeps {
  /** Identifies this worker in leases; default a random id. */
  holder?: string;
  /** Pause between rounds over all pools. Default 2 s. */
  intervalMs?: number;
  /** Lease time-to-live; a crashed worker's pools are taken over after it. Default 30 s. */
  leaseTtlMs?: number;
  /** Pools reconciled at once by this worker. Default 4. */
  concurrency?: number;
}

export interface PoolController {
  readonly holder: string;
  /** One round over every pool; pools leased by another worker are skipped (null). */
  runOnce(signal?: AbortSignal): Promise<Map<string, PassResult | null>>;
  /** Runs one pool's pass under its lease; `{acquired: false}` when another worker holds it. */
  runPool(poolId: string, signal?: AbortSignal): Promise<{ acquired: boolean; result: PassResult | null }>;
  start(): void;
  /**
   * Starts no further pass; passes in flight run on for `graceMs` (default 0: aborted at once), then are aborted.
   * Either way each pass gives its lease back as it ends, so another worker takes the pool over without waiting
   * for the lease to expire.
   */
  stop(options?: { graceMs?: number }): Promise<void>;
}

export const poolLeaseName = (poolId: string) => `pool:${poolId}`;

/**
 * The worker side of provisioning: every round, each pool is reconciled by whichever worker takes its lease, so two
 * workers never act on the same pool (nor on its desktops) at once, and a crashed worker's pools move on after the
 * lease TTL.
 */
export function createPoolController(options: PoolControllerOptions): PoolController {
  const holder = options.holder ?? `worker-${randomUUID()}`;
  const ttlMs = options.leaseTtlMs ?? 30_000;
  // Two steps to stopping: `draining` ends the rounds and starts no new pass; `stopController` aborts passes.
  const stopController = new AbortController();
  const drainController = new AbortController();
  let loop: Promise<void> | null = null;

  const runPool = async (poolId: string, signal?: AbortSignal) => {
    const outcome = await withLease(
      options.services.dataSource,
      poolLeaseName(poolId),
      holder,
      ttlMs,
      (leaseSignal) => runPoolPass(options, poolId, signal ? AbortSignal.any([leaseSignal, signal]) : leaseSignal),
      { clock: options.clock },
    );
    return outcome.acquired ? { acquired: true, result: outcome.value } : { acquired: false, result: null };
  };

  const runOnce = async (signal?: AbortSignal) => {
    const pools = await acrossTenants(
      options.services.dataSource.manager,
      "the pool controller serves every tenant",
      "pool-controller",
    ).pools.find({ select: { id: true }, order: { createdAt: "ASC" } });
    const results = new Map<string, PassResult | null>();
    const queue = pools.map((pool) => pool.id);
    const work = async () => {
      for (let id = queue.shift(); id && !signal?.aborted && !drainController.signal.aborted; id = queue.shift()) {
        try {
          results.set(id, (await runPool(id, signal)).result);
        } catch (error) {
          if (signal?.aborted) throw error;
          options.logger.error({ poolId: id, err: error }, "pool pass crashed");
          results.set(id, null);
        }
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 4) }, work));
    return results;
  };

  return {
    holder,
    runOnce,
    runPool,
    start() {
      if (loop) return;
      const signal = stopController.signal;
      const drain = drainController.signal;
      loop = (async () => {
        while (!drain.aborted) {
          await runOnce(signal).catch((error: unknown) => {
            if (!signal.aborted) options.logger.error({ err: error }, "pool controller round failed");
          });
          // The promise form removes its abort listener when the wait ends; adding one per round would leak.
          await sleep(options.intervalMs ?? 2_000, undefined, { signal: drain }).catch(() => undefined);
        }
      })();
    },
    async stop(stopOptions = {}) {
      drainController.abort();
      const abort = () => stopController.abort(new Error("pool controller stopped"));
      const graceMs = stopOptions.graceMs ?? 0;
      const timer = graceMs > 0 ? setTimeout(abort, graceMs) : undefined;
      if (!timer) abort();
      try {
        await loop;
      } finally {
        clearTimeout(timer);
      }
      loop = null;
    },
  };
}
