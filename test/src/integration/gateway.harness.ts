import { randomUUID } from "node:crypto";
import { type GatewayServer, startGatewayForServices } from "@atrium/api";
import { leaseTestServer, type ServerLease } from "@atrium/api/testing/test-services";
import {
  AssignmentRule,
  Desktop,
  Location,
  PoolEntitlement,
  ProtocolPlan,
  type Tenant,
  type User,
} from "@atrium/schema";
import { Registry } from "prom-client";
import { afterAll, beforeAll } from "vitest";
import WebSocket from "ws";
import { CONNECT, createLocationRow, createPolicyRow, createRuleRow, tokenFor } from "../fixtures/broker-factories.js";
import { createCloud, createDesktops, createPool, createTenantWithPeople, createUser } from "../fixtures/factories.js";
import { dataOf, startTestApp, type TestApp } from "../fixtures/test-app.js";

/** test/services/desktop.sh: Xvfb + twm + xterm, x11vnc, sshd and xrdp (bridged to the VNC desktop) on loopback. */
export const DESKTOP = {
  vncPort: 5901,
  vncPassword: "atrVnc01",
  rdpPort: 3390,
  /** xrdp passes the RDP password on to x11vnc. */
  rdpPassword: "atrVnc01",
  sshPort: 2222,
  sshUser: "atrium-desk",
  sshPassword: "Desk-Pass-1",
} as const;

/** Starts the real desktop if nobody else has; the last release stops it again. */
export function leaseDesktop(): Promise<ServerLease> {
  return leaseTestServer("desktop.sh");
}

/** Client addresses as the API and gateway see them: both trust 127.0.0.1 as a proxy, so X-Forwarded-For counts. */
export const CLIENT_IP = "203.0.113.10";

export interface GatewayWorld {
  tenant: Tenant;
  user: User;
  userToken: string;
  otherUser: User;
  otherToken: string;
  desktop: Desktop;
  /** A ticket from the real broker `connect` mutation, issued to `ip`. */
  ticket(protocol: "VNC" | "SSH" | "RDP" | "HTML5", ip?: string): Promise<string>;
  /** The whole connect answer for `protocol`, as the user at `ip` gets it. */
  connect(protocol: string, ip?: string): Promise<{ protocol: string; method: string; ticket: string | null }>;
}

/** A tenant whose user has one desktop on loopback (the real VNC/SSH servers), reachable only through the gateway. */
export async function createGatewayWorld(app: TestApp): Promise<GatewayWorld> {
  const people = await createTenantWithPeople(app, `gw${randomUUID().slice(0, 8)}`);
  const otherUser = await createUser(app, people.tenant, "user2", "tenant_user");
  const cloud = await createCloud(app);
  const pool = await createPool(app, people.tenant, cloud, "linux");
  const [desktop] = await createDesktops(app, pool, 1);
  await app.database.dataSource.getRepository(Desktop).update({ id: desktop!.id }, { addresses: ["127.0.0.1"] });
  const plan = await app.database.dataSource.getRepository(ProtocolPlan).save({
    tenantId: people.tenant.id,
    name: "gateway",
    protocols: [
      { protocol: "VNC", priority: 1, port: DESKTOP.vncPort, gateway: "always", rdpOptions: [] },
      { protocol: "SSH", priority: 2, port: DESKTOP.sshPort, gateway: "always", rdpOptions: [] },
      { protocol: "RDP", priority: 3, port: DESKTOP.rdpPort, gateway: "always", rdpOptions: [] },
      { protocol: "HTML5", priority: 4, port: null, gateway: "always", rdpOptions: [] },
    ],
  });
  const anywhere = await createLocationRow(app, people.tenant, "Anywhere", ["0.0.0.0/0", "::/0"]);
  const policy = await createPolicyRow(app, people.tenant, "Gateway users", [pool], { persistent: true });
  await app.database.dataSource
    .getRepository(PoolEntitlement)
    .update({ tenantId: people.tenant.id, policyId: policy.id }, { protocolPlanId: plan.id });
  await createRuleRow(app, people.tenant, 100, { locationIds: [anywhere.id] }, { policy });
  // The gateway signs in to SSH with the pool's sealed account, set the way an admin would.
  const login = await app.gql<{ updatePool: { desktopLogin: { username: string; passwordSet: boolean } } }>(
    `mutation($id: ID!, $input: UpdatePoolInput!) {
      updatePool(id: $id, input: $input) { desktopLogin { username passwordSet } } }`,
    { id: pool.id, input: { desktopLogin: { username: DESKTOP.sshUser, password: DESKTOP.sshPassword } } },
    people.adminToken,
  );
  if (!dataOf(login).updatePool.desktopLogin.passwordSet) throw new Error("the pool's desktop sign-in was not stored");
  const connect: GatewayWorld["connect"] = async (protocol, ip = CLIENT_IP) => {
    const result = await app.gql<{ connect: { protocol: string; method: string; ticket: string | null } }>(
      CONNECT,
      { input: { desktopId: desktop!.id, protocol } },
      people.userToken,
      { "x-forwarded-for": ip },
    );
    return dataOf(result).connect;
  };
  return {
    tenant: people.tenant,
    user: people.user,
    userToken: people.userToken,
    otherUser,
    otherToken: await tokenFor(app, otherUser),
    desktop: desktop!,
    connect,
    async ticket(protocol, ip = CLIENT_IP) {
      const { ticket } = await connect(protocol, ip);
      if (!ticket) throw new Error(`no gateway ticket for ${protocol}`);
      return ticket;
    },
  };
}

/** A deny rule for the test client's network (203.0.113.0/24), first in order; returns its removal. */
export async function denyClientNetwork(app: TestApp, tenantId: string): Promise<() => Promise<void>> {
  const locations = app.database.dataSource.getRepository(Location);
  const rules = app.database.dataSource.getRepository(AssignmentRule);
  const blocked = await locations.save({
    tenantId,
    name: "Blocked network",
    description: null,
    cidrs: ["203.0.113.0/24"],
    clientKinds: ["web", "native", "api"],
    viaGateway: "any" as const,
    timeWindows: [],
  });
  const deny = await rules.save({
    tenantId,
    identityProviderId: null,
    position: 1,
    description: null,
    condition: { subject: { type: "any" as const }, locationIds: [blocked.id] },
    outcome: { effect: "deny" as const },
  });
  return async () => {
    await rules.delete({ id: deny.id });
    await locations.delete({ id: blocked.id });
  };
}

export async function startTestGateway(
  app: TestApp,
  env: Record<string, string> = {},
): Promise<GatewayServer & { registry: Registry }> {
  const registry = new Registry();
  const gateway = await startGatewayForServices(app.services, {
    env: { GATEWAY_PORT: "0", GATEWAY_NODE_ID: `node-${randomUUID().slice(0, 8)}`, ...env },
    registry,
  });
  return Object.assign(gateway, { registry });
}

export interface GatewaySuite {
  app: TestApp;
  world: GatewayWorld;
  gateway: Awaited<ReturnType<typeof startTestGateway>>;
}

/**
 * The usual gateway test setup, registered on the surrounding describe: the real desktop leased, the app, a world
 * and one gateway. Read the fields inside tests (they are filled in beforeAll).
 */
export function useGatewaySuite(): GatewaySuite {
  const suite = {} as GatewaySuite;
  let desktop: ServerLease | undefined;
  beforeAll(async () => {
    [desktop, suite.app] = await Promise.all([leaseDesktop(), startTestApp()]);
    suite.world = await createGatewayWorld(suite.app);
    suite.gateway = await startTestGateway(suite.app);
  });
  afterAll(async () => {
    await suite.gateway?.close();
    await suite.app?.close();
    await desktop?.release();
  });
  return suite;
}

export interface OpenedSocket {
  ws: WebSocket;
  /** Resolves with the close code and reason. */
  closed: Promise<{ code: number; reason: string }>;
}

/** Opens a gateway WebSocket the way a browser behind our (trusted) proxy would. */
export function openTunnel(
  gateway: GatewayServer,
  path: string,
  options: { ip?: string; protocols?: string[] } = {},
): OpenedSocket {
  const ws = new WebSocket(`${gateway.url.replace(/^http/, "ws")}${path}`, options.protocols ?? [], {
    headers: { "x-forwarded-for": options.ip ?? CLIENT_IP },
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.on("close", (code, reason) => resolve({ code, reason: reason.toString() })),
  );
  ws.on("error", () => {});
  return { ws, closed };
}

/** Reads a WebSocket's binary frames as one byte stream. */
export class FrameReader {
  private buffer = Buffer.alloc(0);
  private waiter: (() => void) | null = null;
  private closed = false;

  constructor(ws: WebSocket) {
    ws.on("message", (data: Buffer) => {
      this.buffer = Buffer.concat([this.buffer, data]);
      this.waiter?.();
    });
    ws.on("close", () => {
      this.closed = true;
      this.waiter?.();
    });
  }

  async read(length: number): Promise<Buffer> {
    while (this.buffer.length < length) {
      if (this.closed) throw new Error(`socket closed while waiting for ${length} bytes`);
      await new Promise<void>((resolve) => (this.waiter = resolve));
    }
    const out = this.buffer.subarray(0, length);
    this.buffer = this.buffer.subarray(length);
    return out;
  }

  /** Waits until the text received so far contains `needle`. */
  async until(needle: string): Promise<string> {
    while (!this.buffer.toString("utf8").includes(needle)) {
      if (this.closed) throw new Error(`socket closed before ${JSON.stringify(needle)} arrived`);
      await new Promise<void>((resolve) => (this.waiter = resolve));
    }
    return this.buffer.toString("utf8");
  }
}
