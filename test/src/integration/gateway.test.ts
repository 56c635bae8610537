import { Desktop, GatewayTunnel } from "@atrium/schema";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../fixtures/test-app.js";
import {
  CLIENT_IP,
  createGatewayWorld,
  DESKTOP,
  denyClientNetwork,
  FrameReader,
  type GatewayWorld,
  leaseDesktop,
  openTunnel,
  startTestGateway,
} from "./gateway.harness.js";
import { vncAuthResponse } from "./gateway-des.harness.js";
import { rfbHandshake } from "./gateway-rfb.harness.js";

describe("gateway: VNC and SSH through ticket-checked tunnels to a real desktop", () => {
  let app: TestApp;
  let world: GatewayWorld;
  let gateway: Awaited<ReturnType<typeof startTestGateway>>;
  let desktop: { release(): Promise<void> };

  beforeAll(async () => {
    [desktop, app] = await Promise.all([leaseDesktop(), startTestApp()]);
    world = await createGatewayWorld(app);
    gateway = await startTestGateway(app);
  });
  afterAll(async () => {
    await gateway?.close();
    await app?.close();
    await desktop?.release();
  });

  it("computes VNC authentication with textbook DES", () => {
    // FIPS 81 / classic DES known answer, then a VNC response against x11vnc is exercised below.
    const response = vncAuthResponse("\x80\x80\x80\x80\x80\x80\x80\x80", Buffer.alloc(16));
    expect(response.subarray(0, 8).toString("hex")).toBe("8ca64de9c1b123a7");
  });

  it("relays RFB: the handshake completes through the gateway and a FramebufferUpdate arrives", async () => {
    const ticket = await world.ticket("VNC");
    const { ws, closed } = openTunnel(gateway, `/tunnel/vnc?ticket=${encodeURIComponent(ticket)}`);
    const result = await rfbHandshake(ws, DESKTOP.vncPassword);
    expect(result.serverVersion).toBe("RFB 003.008");
    expect({ width: result.width, height: result.height }).toEqual({ width: 1280, height: 800 });
    expect(result.firstMessageType).toBe(0);
    expect(result.rectangles).toBeGreaterThanOrEqual(1);
    expect(gateway.openTunnels()).toBe(1);
    ws.close(1000);
    expect((await closed).code).toBe(1000);

    // The tunnel is recorded for reports: who, which desktop, bytes both ways, duration, why it ended.
    const rows = await waitForClosedRows(app, world, "VNC");
    expect(rows[0]).toMatchObject({ userId: world.user.id, desktopId: world.desktop.id, clientIp: CLIENT_IP });
    expect(rows[0]!.bytesIn).toBeGreaterThan(12);
    expect(rows[0]!.bytesOut).toBeGreaterThan(rows[0]!.bytesIn);
    expect(rows[0]!.closeReason).toBe("client_closed");
    expect(rows[0]!.durationMs).toBeGreaterThanOrEqual(0);
    const metrics = await gateway.registry.metrics();
    expect(metrics).toMatch(/atrium_gateway_tunnels_total\{protocol="VNC",outcome="opened"\} 1/);
    expect(metrics).toMatch(/atrium_gateway_bytes_total\{protocol="VNC",direction="out"\} \d{3,}/);
  });

  it("runs a command over SSH with the broker's credentials and returns its output", async () => {
    const ticket = await world.ticket("SSH");
    const { ws, closed } = openTunnel(gateway, `/tunnel/ssh?ticket=${encodeURIComponent(ticket)}&cols=100&rows=30`);
    const reader = new FrameReader(ws);
    await new Promise((resolve) => ws.once("open", resolve));
    ws.send(JSON.stringify({ t: "r", cols: 120, rows: 40 }));
    ws.send(JSON.stringify({ t: "d", d: "echo gw-$((6*7)) $(whoami) $(stty size)\n" }));
    const output = await reader.until(`gw-42 ${DESKTOP.sshUser} 40 120`);
    expect(output).toContain("gw-42 atrium-desk 40 120");
    ws.send(JSON.stringify({ t: "d", d: "exit\n" }));
    expect((await closed).code).toBe(4410);
  });

  it("refuses a reused ticket, and a ticket opens one tunnel on one of two gateway nodes", async () => {
    const second = await startTestGateway(app);
    try {
      const ticket = await world.ticket("VNC");
      const path = `/tunnel/vnc?ticket=${encodeURIComponent(ticket)}`;
      const attempts = [openTunnel(gateway, path), openTunnel(second, path)];
      const firstBytes = attempts.map(
        ({ ws }) => new Promise<string>((resolve) => ws.once("message", (data: Buffer) => resolve(data.toString()))),
      );
      const winner = await Promise.race(
        attempts.map(async (attempt, index) => {
          const outcome = await Promise.race([firstBytes[index]!, attempt.closed.then(() => "closed")]);
          return outcome === "closed" ? new Promise<never>(() => {}) : index;
        }),
      );
      const loser = attempts[1 - winner]!;
      expect(await loser.closed).toEqual({ code: 4403, reason: expect.stringMatching(/already used/) });
      attempts[winner]!.ws.close();
      await attempts[winner]!.closed;

      const again = openTunnel(gateway, path);
      expect((await again.closed).code).toBe(4403);
    } finally {
      await second.close();
    }
  });

  it("refuses expired, forged, other-client and other-user tickets with their own close codes", async () => {
    const path = (ticket: string) => `/tunnel/vnc?ticket=${encodeURIComponent(ticket)}`;

    const forgedFrom = await world.ticket("VNC");
    const [header, payload, signature] = forgedFrom.split(".");
    const claims = JSON.parse(Buffer.from(payload!, "base64url").toString());
    const forged = [
      header,
      Buffer.from(JSON.stringify({ ...claims, sub: world.otherUser.id })).toString("base64url"),
      signature,
    ];
    expect((await openTunnel(gateway, path(forged.join("."))).closed).code).toBe(4401);
    expect((await openTunnel(gateway, path("not-a-ticket")).closed).code).toBe(4401);
    expect((await openTunnel(gateway, "/tunnel/vnc").closed).code).toBe(4401);

    const elsewhere = await world.ticket("VNC");
    expect(await openTunnel(gateway, path(elsewhere), { ip: "198.51.100.77" }).closed).toEqual({
      code: 4404,
      reason: "The connection ticket was issued to another client address",
    });

    // Another signed-in user presenting the owner's ticket is refused without spending it.
    const owned = await world.ticket("VNC");
    const other = openTunnel(gateway, path(owned), { protocols: ["binary", `atrium.bearer.${world.otherToken}`] });
    expect((await other.closed).code).toBe(4405);
    const owner = openTunnel(gateway, path(owned), { protocols: ["binary", `atrium.bearer.${world.userToken}`] });
    const banner = await new Promise<string>((resolve) =>
      owner.ws.once("message", (data: Buffer) => resolve(data.toString())),
    );
    expect(banner).toBe("RFB 003.008\n");
    owner.ws.close();
    await owner.closed;

    const wrongEndpoint = await world.ticket("VNC");
    expect((await openTunnel(gateway, `/tunnel/ssh?ticket=${encodeURIComponent(wrongEndpoint)}`).closed).code).toBe(
      4408,
    );

    const stale = await world.ticket("VNC");
    app.clock.advance(61_000);
    expect((await openTunnel(gateway, path(stale)).closed).code).toBe(4402);
  });

  it("refuses a desktop that was given to someone else after the ticket was issued", async () => {
    const ticket = await world.ticket("VNC");
    const desktops = app.database.dataSource.getRepository(Desktop);
    await desktops.update({ id: world.desktop.id }, { assignedUserId: world.otherUser.id });
    try {
      expect((await openTunnel(gateway, `/tunnel/vnc?ticket=${encodeURIComponent(ticket)}`).closed).code).toBe(4407);
    } finally {
      await desktops.update({ id: world.desktop.id }, { assignedUserId: world.user.id });
    }
  });

  it("re-checks access at open: a location denied since the ticket was issued is refused", async () => {
    const ticket = await world.ticket("VNC");
    const allow = await denyClientNetwork(app, world.tenant.id);
    try {
      const { closed } = openTunnel(gateway, `/tunnel/vnc?ticket=${encodeURIComponent(ticket)}`);
      expect(await closed).toEqual({ code: 4406, reason: "Access to this desktop is not allowed from your location" });
    } finally {
      await allow();
    }
  });

  it("serves the health endpoint and answers unknown tunnel paths with 404", async () => {
    const health = (await (await fetch(`${gateway.url}/healthz`)).json()) as { node: string };
    expect(health.node).toMatch(/^node-/);
    expect((await fetch(`${gateway.url}/viewer/../../package.json`)).status).toBe(404);
  });
});

async function waitForClosedRows(app: TestApp, world: GatewayWorld, protocol: string) {
  const repository = app.database.dataSource.getRepository(GatewayTunnel);
  for (;;) {
    const rows = await repository.find({ where: { tenantId: world.tenant.id, protocol }, order: { openedAt: "DESC" } });
    if (rows.length && rows.every((row) => row.closedAt)) return rows;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
