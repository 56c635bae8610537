import { afterEach, describe, expect, it } from "vitest";
import { DEFAULT_SEED_IDS } from "../core/simulator.seed.js";
import type { SimulatorOptions } from "../core/simulator.types.js";
import { startVhiSimulator, type VhiSimulator } from "../simulator.server.js";
import { headerOf, rawRequest, SimTestClient } from "../testing/sim-client.fixture.js";

describe("simulator control knobs", () => {
  const started: VhiSimulator[] = [];
  let wall = 1_000_000;

  async function start(options: SimulatorOptions = {}) {
    const sim = await startVhiSimulator({
      clock: { mode: "manual", start: "2026-11-26T20:00:00Z" },
      wallClock: () => wall,
      ...options,
    });
    started.push(sim);
    return { sim, client: new SimTestClient(sim) };
  }

  afterEach(async () => {
    while (started.length > 0) await started.pop()!.close();
  });

  it("rate-limits to N requests per second with 429 and Retry-After, refilling with the wall clock", async () => {
    const { sim, client } = await start();
    await client.token("acme");
    sim.control.setRateLimit(2);
    expect((await client.nova("acme", "GET", "/flavors")).status).toBe(200);
    expect((await client.nova("acme", "GET", "/flavors")).status).toBe(200);
    const limited = await client.nova("acme", "GET", "/flavors");
    expect(limited.status).toBe(429);
    expect(headerOf(limited, "Retry-After")).toBe("1");
    expect(limited.text).toContain("429 Too Many Requests");
    wall += 500;
    expect((await client.nova("acme", "GET", "/flavors")).status).toBe(200);
    expect(sim.control.counters().rateLimited).toBe(1);
  });

  it("injects 500s only for the chosen services, reproducibly for a seed", async () => {
    const statuses = async (seed: number) => {
      const { sim, client } = await start({ rngSeed: seed });
      await client.token("acme");
      sim.control.setErrorRate(0.5, ["compute"]);
      const out: number[] = [];
      for (let i = 0; i < 12; i++) out.push((await client.nova("acme", "GET", "/flavors")).status);
      const image = await rawRequest(`${sim.urls.image}/v2/images`, {
        headers: { "X-Auth-Token": await client.token("acme") },
      });
      expect(image.status).toBe(200);
      return out;
    };
    const first = await statuses(42);
    expect(first).toEqual(await statuses(42));
    expect(first).toContain(500);
    expect(first).toContain(200);
  });

  it("answers an injected compute 500 in Nova's computeFault shape", async () => {
    const { sim, client } = await start();
    await client.token("acme");
    sim.control.setErrorRate(1);
    const res = await client.nova("acme", "GET", "/servers");
    expect(res.status).toBe(500);
    expect(res.json.computeFault.code).toBe(500);
  });

  it("adds latency per request and accounts for it", async () => {
    const { sim, client } = await start();
    await client.token("acme");
    sim.control.setLatency(5);
    expect((await client.nova("acme", "GET", "/limits")).status).toBe(200);
    expect(sim.control.counters().delayedMs).toBe(5);
  });

  it("forces ERROR on the next N creates and on names matching a pattern", async () => {
    const { sim, client } = await start();
    sim.control.failNextCreates(1);
    const failed = await client.createServer("acme", { name: "desk-a" });
    const ok = await client.createServer("acme", { name: "desk-b" });
    sim.control.failCreatesMatching(/^doomed-/);
    const doomed = await client.createServer("acme", { name: "doomed-1" });
    sim.control.settle();
    expect(sim.state.server(failed)?.status).toBe("ERROR");
    expect(sim.state.server(failed)?.fault?.message).toBe("No valid host was found. ");
    expect(sim.state.server(ok)?.status).toBe("ACTIVE");
    expect(sim.state.server(doomed)?.status).toBe("ERROR");
    const view = (await client.nova("acme", "GET", `/servers/${failed}`)).json.server;
    expect(view.fault).toEqual({ code: 500, created: expect.any(String), message: "No valid host was found. " });
    const asAdmin = (await client.nova("svc", "GET", `/servers/${failed}`)).json.server;
    expect(asAdmin.fault.details).toContain("NoValidHost");
  });

  it("refuses connections during a 'refuse' outage and serves again on the same port afterwards", async () => {
    const { sim, client } = await start();
    await client.token("acme");
    await sim.control.setOutage("refuse");
    await expect(client.nova("acme", "GET", "/servers")).rejects.toMatchObject({ code: "ECONNREFUSED" });
    await sim.control.setOutage(null);
    expect((await client.nova("acme", "GET", "/servers")).status).toBe(200);
  });

  it("answers 503 with Retry-After during a '503' outage", async () => {
    const { sim, client } = await start();
    await client.token("acme");
    await sim.control.setOutage("503");
    const res = await client.nova("acme", "GET", "/servers");
    expect(res.status).toBe(503);
    expect(headerOf(res, "Retry-After")).toBe("5");
    await sim.control.clearFaults();
    expect((await client.nova("acme", "GET", "/servers")).status).toBe(200);
  });

  it("moves the simulated clock: manual advance, settle, and time scale in real mode", async () => {
    const { sim, client } = await start();
    const id = await client.createServer("acme", { name: "desk" });
    sim.control.advanceClock(100);
    expect(sim.state.server(id)?.status).toBe("BUILD");
    expect(sim.control.settle()).toBeGreaterThan(0);
    expect(sim.state.server(id)?.status).toBe("ACTIVE");

    const real = await start({ clock: { mode: "real", start: "2026-11-26T20:00:00Z" } });
    const before = real.sim.state.now();
    real.sim.control.setTimeScale(10);
    wall += 100;
    expect(real.sim.state.now() - before).toBe(1000);
  });

  it("counts calls per route and per action kind", async () => {
    const { sim, client } = await start();
    const id = await client.createServer("acme", { name: "desk" });
    sim.control.settle();
    await client.nova("acme", "POST", `/servers/${id}/action`, { body: { "os-stop": null } });
    await client.nova("acme", "GET", `/servers/${id}`);
    const counters = sim.control.counters();
    expect(counters.byRoute["compute POST /servers"]).toBe(1);
    expect(counters.byRoute["compute POST /servers/:id/action"]).toBe(1);
    expect(counters.byRoute["identity POST /v3/auth/tokens"]).toBe(1);
    expect(counters.events["compute action os-stop"]).toBe(1);
    expect(counters.total).toBe(4);
    sim.control.resetCounters();
    expect(sim.control.counters().total).toBe(0);
  });

  it("exposes the knobs and the server list over HTTP under /_sim", async () => {
    const { sim, client } = await start();
    const post = (path: string, body: unknown) =>
      rawRequest(`${sim.baseUrl}/_sim${path}`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(body),
      });
    expect((await post("/fail-creates", { count: 1 })).status).toBe(204);
    const id = await client.createServer("acme", { name: "desk" });
    expect((await post("/clock/settle", {})).json.advancedMs).toBeGreaterThan(0);
    await client.nova("acme", "DELETE", `/servers/${id}`);
    const servers = await rawRequest(`${sim.baseUrl}/_sim/servers`);
    expect(servers.json).toEqual([
      expect.objectContaining({ id, deleted: true, projectId: DEFAULT_SEED_IDS.acmeProjectId }),
    ]);
    expect((await post("/outage", { mode: "refuse" })).status).toBe(400);
    expect((await post("/rate-limit", { perSecond: 0 })).status).toBe(400);
    const counters = await rawRequest(`${sim.baseUrl}/_sim/counters`);
    expect(counters.json.byRoute["compute DELETE /servers/:id"]).toBe(1);
  });
});
