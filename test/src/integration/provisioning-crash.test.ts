import { createLogger, createPoolController, META_DESKTOP } from "@atrium/api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  agentInUserData,
  allReady,
  type ProvisioningRig,
  reportAsAgent,
  startProvisioningRig,
} from "./provisioning.harness.js";

// A worker dies at a random point of a pass (after any HTTP exchange, including a create that reached Nova but
// whose answer was lost, or at any step boundary); a fresh worker then takes over. Whatever the point, the pool
// ends with exactly one server per desktop row, no row lost and no orphan left.
const RUNS = 24;
const SIZE = 4;

let rig: ProvisioningRig;

beforeAll(async () => {
  rig = await startProvisioningRig("acme", { unlimitedQuota: true });
});

afterAll(async () => {
  await rig?.close();
});

/** mulberry32: the crash points repeat from run to run, so a failure is reproducible. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe("crash safety of the pool controller", () => {
  it(`survives ${RUNS} crashes at random points without duplicates, orphans or lost rows`, async () => {
    const random = seeded(20_261_126);
    const crashKinds = new Set<string>();
    for (let run = 0; run < RUNS; run += 1) {
      const pool = await rig.createPool({
        name: `crash${run}`,
        minAvailable: SIZE,
        maxTotal: SIZE,
        userDataKind: "cloud-init",
      });
      const crash = new AbortController();
      const byHttp = random() < 0.6;
      const crashAt = 1 + Math.floor(random() * (byHttp ? 14 : 8));
      let count = 0;
      const hit = (where: string) => {
        count += 1;
        if (count === crashAt && !crash.signal.aborted) {
          crashKinds.add(where);
          crash.abort(new Error(`simulated crash at ${where} #${count}`));
        }
      };
      const doomed = createPoolController({
        services: rig.app.services,
        clock: rig.clock.now,
        logger: createLogger("silent"),
        fullSyncEveryMs: 3_600_000,
        // Creates carry the desktop agent, so issuing its tokens is one of the steps a crash can cut.
        brokerUrl: rig.brokerUrl,
        clients: rig.clients({
          // The request reaches the simulator; the worker "dies" before it can use the answer.
          fetch: async (input, init) => {
            const response = await globalThis.fetch(input, init);
            if (byHttp) hit(`${init.method ?? "GET"} ${new URL(input).pathname.replace(/[0-9a-f-]{32,36}/g, ":id")}`);
            return response;
          },
        }),
        checkpoint: (step) => {
          if (!byHttp) hit(step);
        },
      });
      for (let pass = 0; pass < 3 && !crash.signal.aborted; pass += 1) {
        await doomed.runPool(pool.id, crash.signal).catch((error: unknown) => {
          if (!crash.signal.aborted) throw error;
        });
        rig.sim.control.settle();
      }
      const rowsAfterCrash = (await rig.desktops(pool.id)).map((d) => d.id);

      // The successor runs incremental passes (full sync only once an hour), so recovery must not rely on one.
      const successor = rig.controller({ fullSyncEveryMs: 3_600_000, brokerUrl: rig.brokerUrl });
      await rig.converge(successor, pool.id, allReady(rig, pool.id, SIZE));
      // One full reconcile afterwards: anything left over would now show up as an orphan or a duplicate.
      await rig.controller({ fullSyncEveryMs: 0, brokerUrl: rig.brokerUrl }).runPool(pool.id);
      rig.sim.control.settle();

      const desktops = await rig.desktops(pool.id);
      const servers = rig.servers(pool.id);
      const context = `run ${run}, crash at ${byHttp ? "HTTP" : "step"} #${crashAt}`;
      expect(desktops, context).toHaveLength(SIZE);
      expect(
        desktops.map((d) => d.seq),
        context,
      ).toEqual(desktops.map((_, i) => i + 1));
      for (const id of rowsAfterCrash)
        expect(
          desktops.map((d) => d.id),
          context,
        ).toContain(id);
      expect(servers, context).toHaveLength(SIZE);
      expect(servers.map((s) => s.id).sort(), context).toEqual(desktops.map((d) => d.serverId).sort());
      expect(servers.map((s) => s.metadata[META_DESKTOP]).sort(), context).toEqual(desktops.map((d) => d.id).sort());
      // Each surviving server's agent holds its desktop's current token.
      for (const desktop of desktops) {
        const agent = agentInUserData(rig, desktop.serverId!);
        expect((await reportAsAgent(agent.url, agent.token, { event: "heartbeat" })).status, context).toBe(200);
      }
    }
    // The random points covered creates that reached Nova and step boundaries alike.
    expect([...crashKinds].some((kind) => kind.startsWith("POST") && kind.endsWith("/servers"))).toBe(true);
    expect([...crashKinds].some((kind) => kind.startsWith("create:") || kind.startsWith("scale:"))).toBe(true);
  });
});
