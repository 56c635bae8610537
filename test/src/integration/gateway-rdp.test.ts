import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { GatewayTunnel, Pool } from "@atrium/schema";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../fixtures/stack.js";
import type { TestApp } from "../fixtures/test-app.js";
import {
  CLIENT_IP,
  DESKTOP,
  denyClientNetwork,
  type GatewayWorld,
  openTunnel,
  useGatewaySuite,
} from "./gateway.harness.js";
import { exchange, rdCleanPathRequest } from "./gateway-rdcleanpath.harness.js";

const DESTINATION = `127.0.0.1:${DESKTOP.rdpPort}`;

describe("gateway: RDP through RDCleanPath to a real xrdp", () => {
  const suite = useGatewaySuite();

  const open = (options: { protocols?: string[] } = {}) => openTunnel(suite.gateway, "/tunnel/rdcleanpath", options);

  it("answers with xrdp's X.224 confirm and certificate, then relays RDP over the TLS session it holds", async () => {
    const ticket = await suite.world.ticket("RDP");
    const { ws, closed } = open();
    const { answer } = await exchange(ws, rdCleanPathRequest(DESTINATION, ticket));
    expect(answer.error).toBeUndefined();
    expect(answer.version).toBe(3390);
    // X.224 Connection Confirm with RDP_NEG_RSP: xrdp chose TLS (PROTOCOL_SSL = 1).
    expect(answer.x224!.subarray(0, 2)).toEqual(Buffer.from([3, 0]));
    expect(answer.x224![5]).toBe(0xd0);
    expect(answer.x224![11]).toBe(0x02);
    expect(answer.x224!.readUInt32LE(15)).toBe(1);
    const pem = fs.readFileSync(path.join(repoRoot, ".services/desktop/xrdp-cert.pem"), "utf8");
    expect(answer.certificates).toEqual([new crypto.X509Certificate(pem).raw]);
    expect(answer.serverAddr).toBe(DESTINATION);

    // What follows goes to xrdp inside TLS: a TPKT it cannot parse makes it hang up, and the tunnel ends with it.
    ws.send(Buffer.from([3, 0, 0, 8, 2, 0xf0, 0x80, 0x7f]));
    expect((await closed).code).toBe(4410);
    const row = await waitForClosedTunnel(suite.app, suite.world);
    expect(row).toMatchObject({ protocol: "RDP", clientIp: CLIENT_IP, closeReason: "desktop_closed" });
    expect(row.bytesIn).toBeGreaterThan(0);
  });

  it("refuses a reused ticket and another signed-in user's ticket with an RDCleanPath error and the close reason", async () => {
    const ticket = await suite.world.ticket("RDP");
    const first = open();
    await exchange(first.ws, rdCleanPathRequest(DESTINATION, ticket));
    first.ws.close();
    await first.closed;

    const again = open();
    const reused = await exchange(again.ws, rdCleanPathRequest(DESTINATION, ticket));
    expect(reused.answer.error).toEqual({ code: 1, httpStatus: 401, wsaError: undefined, tlsAlert: undefined });
    expect(await again.closed).toEqual({
      code: 4403,
      reason: "The connection ticket was already used; connect again from the portal",
    });

    const owned = await suite.world.ticket("RDP");
    const other = open({ protocols: ["binary", `atrium.bearer.${suite.world.otherToken}`] });
    expect((await exchange(other.ws, rdCleanPathRequest(DESTINATION, owned))).answer.error?.httpStatus).toBe(403);
    expect((await other.closed).code).toBe(4405);
  });

  it("refuses a destination the browser chose instead of the broker, spending the ticket", async () => {
    const ticket = await suite.world.ticket("RDP");
    const forged = open();
    const answer = await exchange(forged.ws, rdCleanPathRequest("127.0.0.1:22", ticket));
    expect(answer.answer.error?.httpStatus).toBe(403);
    expect(await forged.closed).toEqual({
      code: 4418,
      reason: "The viewer asked for another desktop than the ticket's",
    });
    const retry = open();
    await exchange(retry.ws, rdCleanPathRequest(DESTINATION, ticket));
    expect((await retry.closed).code).toBe(4403);
  });

  it("re-checks the location when the tunnel opens", async () => {
    const ticket = await suite.world.ticket("RDP");
    const allow = await denyClientNetwork(suite.app, suite.world.tenant.id);
    try {
      const { ws, closed } = open();
      expect((await exchange(ws, rdCleanPathRequest(DESTINATION, ticket))).answer.error?.httpStatus).toBe(403);
      expect((await closed).code).toBe(4406);
    } finally {
      await allow();
    }
  });

  it("opens a Windows pool's desktop in the browser over RDP when HTML5 is asked for", async () => {
    const pools = suite.app.database.dataSource.getRepository(Pool);
    await pools.update({ id: suite.world.desktop.poolId }, { userDataKind: "cloudbase-init" });
    try {
      const connection = await suite.world.connect("HTML5");
      expect(connection).toMatchObject({ protocol: "RDP", method: "GATEWAY" });
      const { ws } = open();
      const { answer } = await exchange(ws, rdCleanPathRequest(DESTINATION, connection.ticket!));
      expect(answer.error).toBeUndefined();
      ws.close();
    } finally {
      await pools.update({ id: suite.world.desktop.poolId }, { userDataKind: "cloud-init" });
    }
    // Linux pools keep VNC in the browser.
    expect(await suite.world.connect("HTML5")).toMatchObject({ protocol: "HTML5", method: "GATEWAY" });
  });

  it("refuses a VNC ticket and a first message that is not an RDCleanPath request", async () => {
    const vnc = await suite.world.ticket("VNC");
    const wrong = open();
    expect((await exchange(wrong.ws, rdCleanPathRequest(DESTINATION, vnc))).answer.error?.httpStatus).toBe(400);
    expect((await wrong.closed).code).toBe(4408);

    const garbage = open();
    const answer = await exchange(garbage.ws, Buffer.from("0\x03\x02\x01\x01"));
    expect(answer.answer.error?.httpStatus).toBe(400);
    expect((await garbage.closed).code).toBe(4419);
  });
});

async function waitForClosedTunnel(app: TestApp, world: GatewayWorld) {
  const repository = app.database.dataSource.getRepository(GatewayTunnel);
  for (;;) {
    const row = await repository.findOne({ where: { tenantId: world.tenant.id, protocol: "RDP" } });
    if (row?.closedAt) return row;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
