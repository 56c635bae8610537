import http from "node:http";
import type { AddressInfo } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import type { Registry } from "prom-client";
import { type RawData, WebSocket, WebSocketServer } from "ws";
import type { Logger } from "../../observability/logger.js";
import { resolveClientAddress, type TrustedProxies } from "../access/index.js";
import { REFUSAL_CLOSE } from "./close-codes.js";
import { PortForwarder } from "./forward/port-forwarder.js";
import type { GatewaySettings } from "./gateway.config.js";
import type { GatewayMetrics } from "./gateway.metrics.js";
import { handleGatewayRequest } from "./gateway.routes.js";
import type { CredentialSource, TicketVerdict, TicketVerifier, TunnelGrant, TunnelRefusal } from "./gateway.types.js";
import { relayGuacd } from "./relays/guacd.relay.js";
import type { RdCleanPathRequest } from "./relays/rdcleanpath.pdu.js";
import { readFirstRequest, refusalPdu, relayRdCleanPath, sameDestination } from "./relays/rdcleanpath.relay.js";
import { relaySsh } from "./relays/ssh.relay.js";
import { relayVnc } from "./relays/vnc.relay.js";
import type { TunnelRecordStore } from "./tunnel-recorder.js";
import { TunnelSession } from "./tunnel-session.js";

export interface GatewayDependencies {
  settings: GatewaySettings;
  verifier: TicketVerifier;
  recorder: TunnelRecordStore;
  metrics: GatewayMetrics;
  logger: Logger;
  trustedProxies: TrustedProxies;
  /** Desktop sign-in for SSH (and RDP through guacd); the browser never supplies it. */
  credentials?: CredentialSource;
  /** Who the client is, from an access token it may present (`atrium.bearer.<token>` WebSocket protocol). */
  authenticatePresenter?: (accessToken: string) => Promise<string | null>;
  /** /readyz: the node's readiness (draining, database); default ready while the listener is open. */
  readiness?: () => Promise<{ ready: boolean; status: string }>;
  /** /metrics; default none. */
  registry?: Registry;
}

export interface GatewayServer {
  url: string;
  port: number;
  forwards: PortForwarder;
  /** Browser tunnels open on this node. */
  openTunnels(): number;
  /**
   * Graceful stop: no new connections, open tunnels and forwards run on until they end or `graceMs` passes, then
   * the rest end with `gateway_shutdown` (the viewer reconnects through another gateway with a fresh ticket).
   */
  shutdown(graceMs: number): Promise<void>;
  close(): Promise<void>;
}

type Endpoint = "vnc" | "ssh" | "rdp" | "rdcleanpath";
const ENDPOINT_PROTOCOLS: Record<Endpoint, readonly string[]> = {
  // HTML5 in a protocol plan means "VNC rendered in the browser".
  vnc: ["VNC", "HTML5"],
  ssh: ["SSH"],
  rdp: ["RDP"],
  rdcleanpath: ["RDP"],
};
/** How long a browser may take to send its RDCleanPath request after the WebSocket opened. */
const FIRST_REQUEST_MS = 15_000;
const BEARER_PROTOCOL = "atrium.bearer.";

function intParam(url: URL, name: string, fallback: number, max: number): number {
  const value = Number(url.searchParams.get(name));
  return Number.isInteger(value) && value >= 1 && value <= max ? value : fallback;
}

export async function startGateway(deps: GatewayDependencies): Promise<GatewayServer> {
  const { settings, logger, metrics } = deps;
  const forwards = new PortForwarder(settings, deps.recorder, metrics, logger);
  const sessions = new Set<TunnelSession>();
  const abandoned = await deps.recorder.closeAbandoned();
  if (abandoned) logger.warn({ abandoned }, "closed tunnel records this node left open before a restart");
  // Alive before it serves: the other gateways close this node's tunnels once the lease is no longer renewed.
  // After a gap in our own renewals (the database was unreachable) every node's lease may have run out; this node
  // sweeps only once it has renewed without a gap for a whole lease, so the others had as long to renew theirs.
  let lastRenewal = 0;
  let renewingSince = 0;
  const beat = async () => {
    await deps.recorder.heartbeat(settings.leaseMs);
    const now = Date.now();
    if (now - lastRenewal > settings.leaseMs) renewingSince = now;
    lastRenewal = now;
    if (now - renewingSince < settings.leaseMs) return;
    const lost = await deps.recorder.closeLost();
    if (lost) logger.warn({ tunnels: lost }, "closed the tunnel records of a gateway whose lease expired");
  };
  await beat();
  const beating = setInterval(
    () => void beat().catch((error: unknown) => logger.warn({ err: error }, "gateway lease renewal failed")),
    settings.leaseMs / 3,
  );

  const clientOf = (request: http.IncomingMessage) =>
    resolveClientAddress({
      remoteAddress: request.socket.remoteAddress,
      forwardedFor: request.headers["x-forwarded-for"],
      trustedProxies: deps.trustedProxies,
    }).ip;

  const presenterOf = async (request: http.IncomingMessage): Promise<string | null> => {
    const offered = (request.headers["sec-websocket-protocol"] ?? "").split(",").map((item) => item.trim());
    const bearer =
      offered.find((item) => item.startsWith(BEARER_PROTOCOL))?.slice(BEARER_PROTOCOL.length) ??
      request.headers.authorization?.match(/^Bearer (.+)$/)?.[1];
    if (!bearer || !deps.authenticatePresenter) return null;
    return deps.authenticatePresenter(bearer);
  };

  const verify = async (request: http.IncomingMessage, ticket: string | null, kind: "web" | "native") => {
    if (!ticket) return { ok: false, refusal: "invalid_ticket", detail: "no ticket" } as TicketVerdict;
    return deps.verifier({ ticket, clientIp: clientOf(request), presenterUserId: await presenterOf(request), kind });
  };

  const server = http.createServer((request, response) => {
    handleGatewayRequest(request, response, {
      openForward: async (ticket) => {
        const verdict = await verify(request, ticket, "native");
        if (!verdict.ok) {
          metrics.tunnels.inc({ protocol: "forward", outcome: verdict.refusal });
          return { refused: verdict.refusal, message: REFUSAL_CLOSE[verdict.refusal].reason };
        }
        const forward = await forwards.open(verdict.grant);
        metrics.tunnels.inc({ protocol: verdict.grant.protocol, outcome: "opened" });
        return { forward, grant: verdict.grant };
      },
      health: () => ({ node: settings.nodeId, tunnels: sessions.size, forwards: forwards.openCount }),
      readiness: deps.readiness ?? (async () => ({ ready: server.listening, status: "ready" })),
      metrics: async () =>
        deps.registry
          ? { contentType: deps.registry.contentType, text: await deps.registry.metrics() }
          : { contentType: "text/plain", text: "" },
      logger,
    });
  });

  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: settings.maxMessageBytes,
    perMessageDeflate: false,
    // Never echo the bearer token back as the chosen protocol.
    handleProtocols: (protocols) => [...protocols].find((item) => !item.startsWith(BEARER_PROTOCOL)) ?? false,
  });

  server.on("upgrade", (request, socket, head) => {
    const url = new URL(request.url ?? "/", "http://gateway");
    const endpoint = url.pathname.match(/^\/tunnel\/(vnc|ssh|rdp|rdcleanpath)$/)?.[1] as Endpoint | undefined;
    if (!endpoint) {
      socket.end("HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n");
      return;
    }
    // Accept the WebSocket first and refuse with a close code: a failed HTTP upgrade reaches browser code only as
    // an anonymous 1006, and the viewer must be able to say why.
    wss.handleUpgrade(request, socket, head, (ws) => {
      const early: RawData[] = [];
      const hold = (data: RawData) => early.push(data);
      ws.on("message", hold);
      const opened =
        endpoint === "rdcleanpath"
          ? admitRdCleanPath(ws, request, url, early)
          : admit(ws, request, url, endpoint, url.searchParams.get("ticket"), early);
      void opened
        .catch((error: unknown) => {
          logger.error({ err: error }, "gateway tunnel failed to open");
          if (ws.readyState === WebSocket.OPEN) ws.close(1011, "The gateway hit an unexpected error");
        })
        .finally(() => ws.off("message", hold));
    });
  });

  const refuser = (ws: WebSocket, endpoint: Endpoint) => (refusal: TunnelRefusal, detail: string, protocol: string) => {
    metrics.tunnels.inc({ protocol, outcome: refusal });
    logger.info({ refusal, detail, endpoint }, "gateway tunnel refused");
    // An RDCleanPath client waits for a PDU before it looks at the socket: tell it in its own protocol first.
    if (endpoint === "rdcleanpath" && ws.readyState === WebSocket.OPEN) ws.send(refusalPdu(refusal));
    const { code, reason } = REFUSAL_CLOSE[refusal];
    ws.close(code, reason);
  };

  /** RDCleanPath carries the ticket (authToken) and the destination in its first message rather than the URL. */
  async function admitRdCleanPath(ws: WebSocket, request: http.IncomingMessage, url: URL, early: RawData[]) {
    const first = await readFirstRequest(ws, early, FIRST_REQUEST_MS);
    if (!first.ok) {
      if (!first.closed) refuser(ws, "rdcleanpath")("bad_request", first.detail, "RDP");
      return;
    }
    await admit(ws, request, url, "rdcleanpath", first.request.proxyAuth, early, first.request);
  }

  async function admit(
    ws: WebSocket,
    request: http.IncomingMessage,
    url: URL,
    endpoint: Endpoint,
    ticket: string | null,
    early: RawData[],
    rdCleanPath?: RdCleanPathRequest,
  ) {
    const verdict = await verify(request, ticket, "web");
    const refuse = refuser(ws, endpoint);
    if (!verdict.ok) return refuse(verdict.refusal, verdict.detail, endpoint.toUpperCase());
    const grant = verdict.grant;
    if (!ENDPOINT_PROTOCOLS[endpoint].includes(grant.protocol)) {
      return refuse("wrong_protocol", `${grant.protocol} ticket on /tunnel/${endpoint}`, grant.protocol);
    }
    // The broker decided where this ticket leads; a browser asking for any other address is refused.
    if (rdCleanPath && !sameDestination(rdCleanPath.destination, grant.target)) {
      return refuse("wrong_destination", "destination differs from the ticket's", grant.protocol);
    }
    if ((await deps.recorder.countOpen(grant.tenantId, grant.userId)) >= settings.maxTunnelsPerUser) {
      return refuse("too_many_tunnels", `limit ${settings.maxTunnelsPerUser}`, grant.protocol);
    }
    if (ws.readyState !== WebSocket.OPEN) return; // the browser gave up while we checked
    const recordId = await deps.recorder.open(grant, "websocket");
    const session = new TunnelSession(ws, grant, recordId, settings, deps.recorder, metrics, logger);
    sessions.add(session);
    void session.done.then(() => sessions.delete(session));
    metrics.tunnels.inc({ protocol: grant.protocol, outcome: "opened" });
    logger.info({ tunnel: recordId, desktop: grant.desktopId, protocol: grant.protocol }, "gateway tunnel opened");
    if (rdCleanPath) return relayRdCleanPath(session, rdCleanPath, early, logger);
    await startRelay(session, endpoint, url, early);
  }

  async function startRelay(session: TunnelSession, endpoint: Endpoint, url: URL, early: RawData[]) {
    const grant: TunnelGrant = session.grant;
    if (endpoint === "vnc") return relayVnc(session, early);
    const credentials = grant.credentials ?? (deps.credentials ? await deps.credentials(grant) : null);
    if (endpoint === "ssh") {
      if (!credentials) return session.end("credentials_missing");
      const size = { cols: intParam(url, "cols", 80, 1000), rows: intParam(url, "rows", 24, 1000) };
      return relaySsh(session, early, credentials, size, logger);
    }
    if (!settings.guacdAddress) return session.end("guacd_unavailable");
    relayGuacd(session, early, {
      guacd: settings.guacdAddress,
      credentials,
      display: {
        width: intParam(url, "width", 1280, 8192),
        height: intParam(url, "height", 800, 8192),
        dpi: intParam(url, "dpi", 96, 600),
      },
      timezone: url.searchParams.get("timezone") ?? undefined,
      logger,
    });
  }

  await new Promise<void>((resolve) => server.listen(settings.port, settings.host, resolve));
  const port = (server.address() as AddressInfo).port;
  const close = async () => {
    clearInterval(beating);
    for (const session of sessions) session.end("gateway_shutdown");
    await Promise.all([...sessions].map((session) => session.done));
    await forwards.closeAll();
    await deps.recorder.release().catch((error: unknown) => logger.warn({ err: error }, "releasing the lease failed"));
    wss.close();
    server.closeAllConnections();
    if (server.listening) await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return {
    url: `http://${settings.host.includes(":") ? `[${settings.host}]` : settings.host}:${port}`,
    port,
    forwards,
    openTunnels: () => sessions.size,
    async shutdown(graceMs) {
      server.close();
      server.closeIdleConnections();
      const deadline = Date.now() + graceMs;
      while (sessions.size + forwards.openCount > 0 && Date.now() < deadline) await sleep(100);
      if (sessions.size + forwards.openCount > 0) {
        logger.warn({ tunnels: sessions.size, forwards: forwards.openCount }, "shutdown grace over: ending tunnels");
      }
      await close();
    },
    close,
  };
}
