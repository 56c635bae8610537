import { setTimeout as sleep } from "node:timers/promises";
import type { Logger } from "../observability/logger.js";
import type { NodeLifecycle } from "./node-lifecycle.js";

export interface ShutdownPlan {
  lifecycle: NodeLifecycle;
  logger: Logger;
  /** /readyz answers 503 this long before `stop` begins (ATRIUM_DRAIN_SECONDS). */
  drainMs: number;
  /** `stop` gets this long (ATRIUM_SHUTDOWN_TIMEOUT_SECONDS); it is handed the same budget to pass on. */
  timeoutMs: number;
  /** Stops accepting, lets in-flight work finish within `graceMs`, releases leases, closes the database. */
  stop(graceMs: number): Promise<void>;
}

/**
 * SIGTERM (and Ctrl-C's SIGINT): readiness goes false at once, then after the drain delay the node stops accepting
 * and finishes what it has. The process exits 0 when everything finished, 1 when the deadline cut it short (a
 * little slack past the stop budget covers closing the database), and a second signal exits at once.
 */
export function stopOnSignals(plan: ShutdownPlan): void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) {
      plan.logger.warn({ signal }, "second signal: exiting without waiting");
      process.exit(1);
    }
    stopping = true;
    plan.lifecycle.beginDrain();
    plan.logger.info(
      { signal, drainMs: plan.drainMs, timeoutMs: plan.timeoutMs },
      "draining: readiness is false, in-flight work may finish",
    );
    const deadline = setTimeout(
      () => {
        plan.logger.error({ timeoutMs: plan.timeoutMs }, "shutdown deadline passed; exiting with work unfinished");
        process.exit(1);
      },
      plan.drainMs + plan.timeoutMs + 5_000,
    );
    deadline.unref();
    void (async () => {
      if (plan.drainMs > 0) await sleep(plan.drainMs);
      try {
        await plan.stop(plan.timeoutMs);
        plan.logger.info("stopped: in-flight work finished, leases released");
        process.exit(0);
      } catch (error) {
        plan.logger.error({ err: error }, "shutdown failed");
        process.exit(1);
      }
    })();
  };
  process.on("SIGTERM", onSignal);
  process.on("SIGINT", onSignal);
}
