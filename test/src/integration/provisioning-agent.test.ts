import { Desktop, DesktopAgentToken, ProvisioningEvent } from "@atrium/schema";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  agentInUserData,
  allReady,
  type ProvisioningRig,
  reportAsAgent,
  startProvisioningRig,
} from "./provisioning.harness.js";

// The broker's desktop agent travels in the user-data of every server the pool controller creates: the user-data
// is read back from the simulator, the agent's token is taken out of it, and the API's agent endpoint must accept
// it exactly as a booted desktop would present it.
let rig: ProvisioningRig;
let brokerUrl: string;

beforeAll(async () => {
  rig = await startProvisioningRig("acme", { unlimitedQuota: true });
  brokerUrl = rig.brokerUrl;
});

afterAll(async () => {
  await rig?.close();
});

const repo = <T extends object>(entity: new () => T) => rig.app.database.dataSource.getRepository(entity);

describe("desktop agent in user-data", () => {
  it("gives every Linux desktop its own token that the agent endpoint accepts, stored only hashed", async () => {
    const pool = await rig.createPool({ name: "linux", minAvailable: 2, userDataKind: "cloud-init" });
    const controller = rig.controller({ brokerUrl });
    await rig.converge(controller, pool.id, allReady(rig, pool.id, 2));
    const desktops = await rig.desktops(pool.id);
    const agents = desktops.map((desktop) => agentInUserData(rig, desktop.serverId!));
    expect(new Set(agents.map((agent) => agent.token)).size).toBe(2);
    for (const [index, agent] of agents.entries()) {
      expect(agent.url).toBe(brokerUrl);
      expect(agent.userData).toContain(`hostname: ${desktops[index]!.name}`);
      expect(agent.script.startsWith("#!/bin/sh\n# Atrium desktop agent (Linux)")).toBe(true);
      const response = await reportAsAgent(agent.url, agent.token, { event: "boot" });
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ ok: true, action: "none" });
    }
    // The endpoint knows which desktop spoke: the token names one desktop and nothing else.
    const seen = await repo(DesktopAgentToken).findBy({ tenantId: rig.tenant.id });
    const ours = seen.filter((row) => desktops.some((desktop) => desktop.id === row.desktopId));
    expect(ours).toHaveLength(2);
    expect(ours.every((row) => row.lastSeenAt !== null)).toBe(true);
    // Nothing on our side holds a token in clear.
    const stored = JSON.stringify([
      ours,
      await repo(Desktop).findBy({ poolId: pool.id }),
      await repo(ProvisioningEvent).findBy({ poolId: pool.id }),
    ]);
    for (const agent of agents) expect(stored).not.toContain(agent.token);
    // A forged token for the same desktop is refused.
    const forged = `${agents[0]!.token.slice(0, -4)}AAAA`;
    expect((await reportAsAgent(brokerUrl, forged, { event: "heartbeat" })).status).toBe(401);
  });

  it("puts the Windows agent into cloudbase-init user-data with a working token", async () => {
    const pool = await rig.createPool({
      name: "win",
      namePattern: "W-{SEQ:3}",
      minAvailable: 1,
      userDataKind: "cloudbase-init",
    });
    await rig.converge(rig.controller({ brokerUrl }), pool.id, allReady(rig, pool.id, 1));
    const [desktop] = await rig.desktops(pool.id);
    const agent = agentInUserData(rig, desktop!.serverId!);
    expect(agent.userData.startsWith("#ps1_sysnative\r\n")).toBe(true);
    expect(agent.script).toContain("# Atrium desktop agent (Windows)");
    expect((await reportAsAgent(agent.url, agent.token, { event: "login", username: "ACME\\alice" })).status).toBe(200);
  });

  it("replaces the token when a failed build is created again: the failed server's token stops working", async () => {
    const pool = await rig.createPool({
      name: "retry",
      minAvailable: 1,
      userDataKind: "cloud-init",
      restraintFailures: 0,
    });
    const controller = rig.controller({ brokerUrl });
    rig.sim.control.failCreatesMatching(/acme-retry-/, "No valid host was found. ");
    let failedToken: string;
    try {
      await controller.runPool(pool.id);
      const [building] = await rig.desktops(pool.id);
      failedToken = agentInUserData(rig, building!.serverId!).token;
      rig.sim.control.settle();
    } finally {
      rig.sim.control.failCreatesMatching(null);
    }
    await rig.converge(controller, pool.id, allReady(rig, pool.id, 1));
    const [desktop] = await rig.desktops(pool.id);
    const current = agentInUserData(rig, desktop!.serverId!).token;
    expect(current).not.toBe(failedToken);
    expect((await reportAsAgent(brokerUrl, failedToken, { event: "boot" })).status).toBe(401);
    expect((await reportAsAgent(brokerUrl, current, { event: "boot" })).status).toBe(200);
  });

  it("sends no agent and issues no token for pools without user-data", async () => {
    const plain = await rig.createPool({ name: "plain", minAvailable: 1, userDataKind: "none" });
    await rig.converge(rig.controller({ brokerUrl }), plain.id, allReady(rig, plain.id, 1));
    const [desktop] = await rig.desktops(plain.id);
    expect(rig.sim.state.server(desktop!.serverId!)?.userData).toBeNull();
    expect(await repo(DesktopAgentToken).countBy({ desktopId: desktop!.id })).toBe(0);
  });
});
