import net from "node:net";
import { GatewayTunnel } from "@atrium/schema";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../fixtures/test-app.js";
import {
  createGatewayWorld,
  type GatewayWorld,
  leaseDesktop,
  openTunnel,
  startTestGateway,
} from "./gateway.harness.js";

const firstFrame = (ws: import("ws").WebSocket) =>
  new Promise<Buffer>((resolve) => ws.once("message", (data: Buffer) => resolve(data)));

/** Reads whatever a TCP connection delivers until the peer closes it. */
function readAll(socket: net.Socket): Promise<Buffer> {
  const chunks: Buffer[] = [];
  socket.on("data", (chunk: Buffer) => chunks.push(chunk));
  return new Promise((resolve) => socket.on("close", () => resolve(Buffer.concat(chunks))));
}

function connectFrom(port: number, localAddress: string): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: "127.0.0.1", port, localAddress }, () => resolve(socket));
    socket.once("error", reject);
  });
}

describe("gateway limits and native-client port forwarding", () => {
  let app: TestApp;
  let world: GatewayWorld;
  let desktop: { release(): Promise<void> };

  beforeAll(async () => {
    [desktop, app] = await Promise.all([leaseDesktop(), startTestApp()]);
    world = await createGatewayWorld(app);
  });
  afterAll(async () => {
    await app?.close();
    await desktop?.release();
  });

  it("limits tunnels per user and closes a tunnel whose browser sends an oversized message", async () => {
    const gateway = await startTestGateway(app, {
      GATEWAY_MAX_TUNNELS_PER_USER: "1",
      GATEWAY_MAX_MESSAGE_BYTES: "1024",
    });
    try {
      const first = openTunnel(gateway, `/tunnel/vnc?ticket=${encodeURIComponent(await world.ticket("VNC"))}`);
      expect((await firstFrame(first.ws)).toString()).toBe("RFB 003.008\n");

      const second = openTunnel(gateway, `/tunnel/vnc?ticket=${encodeURIComponent(await world.ticket("VNC"))}`);
      expect(await second.closed).toEqual({ code: 4409, reason: "You have too many open desktop connections" });

      first.ws.send(Buffer.alloc(4096));
      expect((await first.closed).code).toBe(1009);
      const rows = await app.database.dataSource
        .getRepository(GatewayTunnel)
        .find({ where: { tenantId: world.tenant.id, mode: "websocket" } });
      await waitFor(async () => {
        const [row] = await app.database.dataSource.getRepository(GatewayTunnel).find({ where: { id: rows[0]!.id } });
        return row?.closeReason === "message_too_big";
      });
    } finally {
      await gateway.close();
    }
  });

  it("closes an idle tunnel with its own reason", async () => {
    const gateway = await startTestGateway(app, { GATEWAY_IDLE_TIMEOUT_SECONDS: "1" });
    try {
      const ticket = await world.ticket("SSH");
      const { closed } = openTunnel(gateway, `/tunnel/ssh?ticket=${encodeURIComponent(ticket)}`);
      expect(await closed).toEqual({ code: 4411, reason: "Disconnected after a period of inactivity" });
    } finally {
      await gateway.close();
    }
  });

  it("opens a forward on a port from the range, for the ticket's client address only, and closes it after the grace period", async () => {
    const gateway = await startTestGateway(app, {
      GATEWAY_PORT_RANGE: "42100-42199",
      GATEWAY_FORWARD_GRACE_SECONDS: "1",
    });
    try {
      // A native client asks from its own machine: the ticket is bound to 127.0.0.1 here.
      const ticket = await world.ticket("VNC", "127.0.0.1");
      const response = await fetch(`${gateway.url}/forward?ticket=${encodeURIComponent(ticket)}`, { method: "POST" });
      expect(response.status).toBe(200);
      const forward = (await response.json()) as { host: string; port: number; protocol: string };
      expect(forward.port).toBeGreaterThanOrEqual(42100);
      expect(forward.port).toBeLessThanOrEqual(42199);
      expect(forward.protocol).toBe("VNC");

      const reused = await fetch(`${gateway.url}/forward?ticket=${encodeURIComponent(ticket)}`, { method: "POST" });
      expect(reused.status).toBe(403);
      expect(await reused.json()).toMatchObject({ error: "reused_ticket" });

      // Any other source address is cut off before a byte reaches the desktop.
      const stranger = await connectFrom(forward.port, "127.0.0.2");
      expect((await readAll(stranger)).length).toBe(0);

      const client = await connectFrom(forward.port, "127.0.0.1");
      const banner = await new Promise<string>((resolve) =>
        client.once("data", (data: Buffer) => resolve(data.toString())),
      );
      expect(banner).toBe("RFB 003.008\n");
      client.destroy();

      await waitFor(async () => {
        const row = await app.database.dataSource
          .getRepository(GatewayTunnel)
          .findOne({ where: { tenantId: world.tenant.id, mode: "forward", listenPort: forward.port } });
        return row?.closeReason === "forward_grace_elapsed" && row.bytesOut >= 12;
      });
      await expect(connectFrom(forward.port, "127.0.0.1")).rejects.toThrow(/ECONNREFUSED/);
      const metrics = await gateway.registry.metrics();
      expect(metrics).toMatch(/atrium_gateway_tunnels_total\{protocol="VNC",outcome="forward_wrong_source"\} 1/);
    } finally {
      await gateway.close();
    }
  });

  it("writes a connected native client's byte counts to its record before the forward closes", async () => {
    const gateway = await startTestGateway(app, {
      GATEWAY_PORT_RANGE: "42200-42299",
      GATEWAY_BYTES_FLUSH_SECONDS: "1",
    });
    try {
      const ticket = await world.ticket("VNC", "127.0.0.1");
      const response = await fetch(`${gateway.url}/forward?ticket=${encodeURIComponent(ticket)}`, { method: "POST" });
      const forward = (await response.json()) as { port: number };
      const client = await connectFrom(forward.port, "127.0.0.1");
      await new Promise((resolve) => client.once("data", resolve));
      client.write("RFB 003.008\n");
      // Still connected: were this gateway killed now, its record would keep these counts.
      await waitFor(async () => {
        const row = await app.database.dataSource
          .getRepository(GatewayTunnel)
          .findOne({ where: { tenantId: world.tenant.id, mode: "forward", listenPort: forward.port } });
        return row?.closedAt === null && row.bytesOut >= 12 && row.bytesIn >= 12;
      });
      client.destroy();
    } finally {
      await gateway.close();
    }
  });
});

async function waitFor(check: () => Promise<boolean>): Promise<void> {
  while (!(await check())) await new Promise((resolve) => setTimeout(resolve, 50));
}
