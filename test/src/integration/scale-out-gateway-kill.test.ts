import type { ServerLease } from "@atrium/api/testing/test-services";
import { ensurePackages } from "@atrium/api/testing/test-services";
import { GatewayTunnel } from "@atrium/schema";
import { In } from "typeorm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { type MultiNodeStack, startMultiNodeStack } from "../fixtures/multi-node-stack.js";
import { waitUntil } from "../fixtures/processes.js";
import { CLIENT_IP, createGatewayWorld, DESKTOP, type GatewayWorld, leaseDesktop } from "./gateway.harness.js";
import { rfbHandshake } from "./gateway-rfb.harness.js";

const onPostgres = process.env.DATABASE_URL?.startsWith("postgres") ?? false;
if (!onPostgres) {
  process.stdout.write(
    "scale-out-gateway-kill: skipped: two gateway nodes share one database, which needs PostgreSQL (the " +
      "PostgreSQL pass sets DATABASE_URL=postgres://…)\n",
  );
}

const TUNNELS = 20;

/** A viewer's tunnel through HAProxy, counting the WebSocket payload bytes it sent and received. */
interface Viewer {
  ws: WebSocket;
  ticket: string;
  sent: number;
  received: number;
  closed: Promise<{ code: number; reason: string }>;
}

/** A viewer that gets no desktop within this long is stuck: the test fails instead of hanging. */
const HANDSHAKE_DEADLINE_MS = 60_000;

function handshake(viewer: Viewer) {
  return Promise.race([
    rfbHandshake(viewer.ws, DESKTOP.vncPassword),
    new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error("no desktop within the deadline")), HANDSHAKE_DEADLINE_MS).unref(),
    ),
  ]);
}

function openViewer(url: string, ticket: string): Viewer {
  const ws = new WebSocket(`${url.replace(/^http/, "ws")}/tunnel/vnc?ticket=${encodeURIComponent(ticket)}`, {
    headers: { "x-forwarded-for": CLIENT_IP },
  });
  const viewer: Viewer = {
    ws,
    ticket,
    sent: 0,
    received: 0,
    closed: new Promise((resolve) => ws.on("close", (code, reason) => resolve({ code, reason: reason.toString() }))),
  };
  ws.on("error", () => {});
  ws.on("message", (data: Buffer) => {
    viewer.received += data.length;
  });
  const send = ws.send.bind(ws);
  ws.send = ((data: Buffer, ...rest: []) => {
    viewer.sent += data.length;
    send(data, ...rest);
  }) as typeof ws.send;
  return viewer;
}

describe.skipIf(!onPostgres)("scale-out: a gateway kill -9ed under open tunnels", () => {
  let stack: MultiNodeStack;
  let desktop: ServerLease | undefined;
  let world: GatewayWorld;

  beforeAll(() => ensurePackages("scale-out"));
  beforeAll(async () => {
    [desktop, stack] = await Promise.all([
      leaseDesktop(),
      startMultiNodeStack(
        { apis: 1, gateways: 2, workers: 0 },
        {
          env: {
            // Counts reach the record every second, and a dead gateway's lease runs out after 3 s: the test waits
            // seconds, not the production defaults (10 s and 30 s).
            GATEWAY_BYTES_FLUSH_SECONDS: "1",
            GATEWAY_LEASE_SECONDS: "3",
            GATEWAY_MAX_TUNNELS_PER_USER: String(TUNNELS * 2),
          },
        },
      ),
    ]);
    world = await createGatewayWorld(stack.app);
  }, 400_000);
  afterAll(async () => {
    await stack?.stop();
    await desktop?.release();
  }, 120_000);

  it(`${TUNNELS} viewers, one gateway killed: they reconnect through the other with a fresh ticket`, async () => {
    const tunnels = stack.app.database.dataSource.getRepository(GatewayTunnel);
    // One viewer at a time, so the record each one opened is the one new record (records do not name tickets).
    const viewers: Viewer[] = [];
    const recordIds = new Map<Viewer, string>();
    for (let index = 0; index < TUNNELS; index++) {
      const viewer = openViewer(stack.url, await world.ticket("VNC"));
      await handshake(viewer);
      const known = new Set(recordIds.values());
      const fresh = await waitUntil(
        `the record of tunnel ${index + 1}`,
        async () => (await tunnels.findBy({ tenantId: world.tenant.id })).filter((row) => !known.has(row.id))[0],
        30_000,
      );
      recordIds.set(viewer, fresh.id);
      viewers.push(viewer);
    }
    process.stdout.write(`scale-out gateway kill: ${TUNNELS} tunnels open\n`);
    const byId = async () =>
      new Map((await tunnels.findBy({ tenantId: world.tenant.id })).map((row) => [row.id, row] as const));
    const recordOf = (rows: Map<string, GatewayTunnel>, viewer: Viewer) => rows.get(recordIds.get(viewer)!);

    // The viewers are quiet now (no more update requests); wait until every record carries what its viewer
    // counted, i.e. the last flush happened after the last byte.
    await waitUntil(
      "every record flushed up to its viewer's counts",
      async () => {
        const rows = await byId();
        return viewers.every((viewer) => {
          const row = recordOf(rows, viewer);
          return row && row.bytesIn === viewer.sent && row.bytesOut === viewer.received;
        });
      },
      60_000,
    );

    const rows = await byId();
    const perNode = new Map<string, Viewer[]>();
    for (const viewer of viewers) {
      const node = recordOf(rows, viewer)!.node;
      perNode.set(node, [...(perNode.get(node) ?? []), viewer]);
    }
    const [victimId, victimViewers] = [...perNode.entries()].sort((a, b) => b[1].length - a[1].length)[0]!;
    const victim = stack.byRole("gateway").find((node) => node.nodeId === victimId)!;
    const survivors = viewers.filter((viewer) => !victimViewers.includes(viewer));
    const atKill = new Map(victimViewers.map((viewer) => [viewer, { sent: viewer.sent, received: viewer.received }]));
    victim.signal("SIGKILL");
    const exit = await victim.exited;
    const drops = await Promise.all(victimViewers.map((viewer) => viewer.closed));

    // Each dropped viewer first tries its old ticket (refused: single use), then asks the broker for a fresh one.
    const reused = await Promise.all(victimViewers.map((viewer) => openViewer(stack.url, viewer.ticket).closed));
    // One after another, as the viewers come back on their own (x11vnc takes new clients one at a time).
    const again: Viewer[] = [];
    const handshakes: PromiseSettledResult<unknown>[] = [];
    for (const _ of victimViewers) {
      const viewer = openViewer(stack.url, await world.ticket("VNC"));
      again.push(viewer);
      handshakes.push(...(await Promise.allSettled([handshake(viewer)])));
    }
    const reconnected = handshakes.filter((outcome) => outcome.status === "fulfilled").length;
    const reconnectFailures = handshakes.flatMap((outcome) =>
      outcome.status === "rejected" ? [String((outcome.reason as Error).message)] : [],
    );

    // The killed node's records are closed by the surviving gateway once its lease expired.
    const victimRecords = victimViewers.map((viewer) => recordIds.get(viewer)!);
    const closedRows = await waitUntil(
      `the records of ${victimId} closed`,
      async () => {
        const found = await tunnels.findBy({ id: In(victimRecords) });
        return found.every((row) => row.closedAt) ? found : null;
      },
      60_000,
    );
    const mismatches = victimViewers.filter((viewer) => {
      const row = closedRows.find((item) => item.id === recordIds.get(viewer))!;
      const counted = atKill.get(viewer)!;
      return row.bytesIn !== counted.sent || row.bytesOut !== counted.received;
    });
    const reasons = [...new Set(closedRows.map((row) => row.closeReason))];
    const newRows = await tunnels.findBy({ tenantId: world.tenant.id });
    const reconnectedNodes = [...new Set(newRows.filter((row) => !rows.has(row.id)).map((row) => row.node))];
    const survivorsOpen = survivors.filter((viewer) => viewer.ws.readyState === WebSocket.OPEN).length;
    process.stdout.write(
      `\nscale-out gateway kill: killed ${victimId} (pid ${victim.pid}, kill -9, exit ${exit.signal}) holding ` +
        `${victimViewers.length} of ${TUNNELS} open tunnels (the other ${survivors.length} on the surviving gateway, ` +
        `${survivorsOpen} still open)\n` +
        `  viewers dropped ${drops.length} (close codes ${[...new Set(drops.map((d) => d.code))].join(", ")}); ` +
        `reused tickets refused ${reused.filter((r) => r.code === 4403).length} of ${reused.length}; ` +
        `reconnected with a fresh ticket ${reconnected} of ${victimViewers.length} (through ${reconnectedNodes.join(", ")})` +
        `${reconnectFailures.length ? ` failures: ${[...new Set(reconnectFailures)].join("; ")}` : ""}\n` +
        `  records of ${victimId} closed ${closedRows.filter((row) => row.closedAt).length} of ${victimRecords.length} ` +
        `(reason ${reasons.join(", ")}), byte-count mismatches ${mismatches.length} ` +
        `(counts as flushed every second; the viewers were quiet since the last flush)\n`,
    );
    for (const viewer of [...viewers, ...again]) viewer?.ws.close();

    expect(exit.signal).toBe("SIGKILL");
    expect(victimViewers.length).toBeGreaterThan(0);
    expect(reused.map((r) => r.code)).toEqual(victimViewers.map(() => 4403));
    expect(reconnected).toBe(victimViewers.length);
    expect(reconnectedNodes).toEqual(
      stack
        .byRole("gateway")
        .filter((n) => n !== victim)
        .map((n) => n.nodeId),
    );
    expect(reasons).toEqual(["gateway_lost"]);
    expect(mismatches.length).toBe(0);
    expect(survivorsOpen).toBe(survivors.length);
  }, 600_000);
});
