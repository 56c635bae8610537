import { createCloudClients, createLogger, createPoolController } from "@atrium/api";
import { Cloud, Desktop, Pool, Tenant } from "@atrium/schema";
import { DEFAULT_SEED_IDS, defaultSeed, startVhiSimulator } from "@atrium/simulator";
import { simulatorCloudRow } from "../fixtures/multi-node-stack.js";
import { startTestApp } from "../fixtures/test-app.js";

const DESKTOPS = Number(process.env.BENCH_DESKTOPS ?? 500);
const LATENCY_MS = 50;
const RATE_LIMIT = 20;

/**
 * Grows one pool from 0 to 500 desktops against the simulator with 50 ms per request and a 20 requests/s proxy
 * limit. Every API call costs at least 1/20 s, so calls ÷ rate is a hard lower bound on the elapsed time; the
 * ratio shows how much the controller loses to sequential steps, database work and idle polling.
 */
export async function runProvisioningBench(): Promise<void> {
  const app = await startTestApp();
  const seed = defaultSeed();
  seed.quotas[DEFAULT_SEED_IDS.acmeProjectId] = { instances: -1, cores: -1, ram: -1 };
  const sim = await startVhiSimulator({ seed, clock: { mode: "real" } });
  try {
    const ds = app.database.dataSource;
    const cloud = await ds
      .getRepository(Cloud)
      .save({ ...simulatorCloudRow(app, sim, "bench"), status: "unknown", requestsPerSecond: RATE_LIMIT });
    const tenant = await ds.getRepository(Tenant).save({
      name: "Acme",
      slug: "acme",
      vhiDomain: "Default",
      vhiProject: "tenant-acme",
    });
    const pool = await ds.getRepository(Pool).save({
      tenantId: tenant.id,
      cloudId: cloud.id,
      name: "bench",
      imageRef: DEFAULT_SEED_IDS.images.win11,
      flavorRef: "vdi.standard",
      networkIds: [DEFAULT_SEED_IDS.networks.acme],
      securityGroups: [],
      namePattern: "bench-{SEQ:4}",
      minAvailable: DESKTOPS,
      maxTotal: DESKTOPS,
    });
    const controller = createPoolController({
      services: app.services,
      clients: createCloudClients({ secretBox: app.services.secretBox }),
      clock: () => new Date(),
      logger: createLogger("warn"),
    });
    sim.control.setLatency(LATENCY_MS);
    sim.control.setRateLimit(RATE_LIMIT);
    sim.control.resetCounters();
    const started = performance.now();
    let passes = 0;
    for (;;) {
      await controller.runPool(pool.id);
      passes += 1;
      const ready = await ds.getRepository(Desktop).countBy({ poolId: pool.id, provisioningState: "ready" });
      if (ready >= DESKTOPS) break;
    }
    const elapsedS = (performance.now() - started) / 1000;
    const counters = sim.control.counters();
    const lowerBoundS = counters.total / RATE_LIMIT;
    const ratio = elapsedS / lowerBoundS;
    const lines = [
      `provisioning: 0 → ${DESKTOPS} desktops, ${LATENCY_MS} ms latency, ${RATE_LIMIT} req/s limit`,
      `  passes          ${passes}`,
      `  API calls       ${counters.total} (creates ${counters.byRoute["compute POST /servers"] ?? 0}, 429s ${counters.rateLimited})`,
      `  elapsed         ${elapsedS.toFixed(1)} s`,
      `  lower bound     ${lowerBoundS.toFixed(1)} s (calls ÷ rate limit)`,
      `  ratio           ${ratio.toFixed(2)} (target ≤ 1.20) ${ratio <= 1.2 ? "OK" : "ABOVE TARGET"}`,
    ];
    process.stdout.write(`${lines.join("\n")}\n`);
  } finally {
    await sim.close();
    await app.close();
  }
}
