import type { RawData, WebSocket } from "ws";
import type { Logger } from "../../../observability/logger.js";
import type { TunnelRefusal } from "../gateway.types.js";
import type { TunnelSession } from "../tunnel-session.js";
import {
  decodeRequest,
  encodeError,
  encodeResponse,
  GENERAL_ERROR,
  NEGOTIATION_ERROR,
  pduSize,
  type RdCleanPathRequest,
} from "./rdcleanpath.pdu.js";
import { connectRdpServer, isX224ConnectionRequest } from "./rdp-server.connect.js";
import { toBuffer, toDesktop } from "./vnc.relay.js";

/** The request carries a ticket and an X.224 request: a few KiB. Anything larger is not a viewer. */
const MAX_REQUEST_BYTES = 64 * 1024;

/**
 * How each refusal reads to IronRDP: RDCleanPath errors carry HTTP status codes. The viewer shows the gateway's
 * own reason from the WebSocket close that follows; the status keeps other RDCleanPath clients informed too.
 */
const REFUSAL_STATUS: Record<TunnelRefusal, number> = {
  invalid_ticket: 401,
  expired_ticket: 401,
  reused_ticket: 401,
  wrong_client: 403,
  other_user: 403,
  access_denied: 403,
  desktop_unavailable: 404,
  wrong_protocol: 400,
  too_many_tunnels: 429,
  wrong_destination: 403,
  bad_request: 400,
};

export function refusalPdu(refusal: TunnelRefusal): Buffer {
  return encodeError({ errorCode: GENERAL_ERROR, httpStatusCode: REFUSAL_STATUS[refusal] });
}

export type FirstRequest = { ok: true; request: RdCleanPathRequest } | { ok: false; detail: string; closed?: boolean };

/**
 * Waits for the client's RDCleanPath request (the ticket travels inside it, not in the URL), gathering messages
 * until the DER element is complete. `early` is the list the caller keeps filling while the tunnel is admitted:
 * the messages that made up the request are taken out of it, anything after the request stays for the relay.
 */
export function readFirstRequest(ws: WebSocket, early: RawData[], timeoutMs: number): Promise<FirstRequest> {
  return new Promise((resolve) => {
    let buffer = Buffer.alloc(0);
    let consumed = 0;
    let done = false;
    const finish = (result: FirstRequest, rest: Buffer | null = null) => {
      done = true;
      clearTimeout(timer);
      ws.off("message", onMessage);
      ws.off("close", onClose);
      if (result.ok) early.splice(0, consumed, ...(rest?.length ? [rest] : []));
      resolve(result);
    };
    const take = (data: RawData) => {
      if (done) return;
      consumed++;
      buffer = Buffer.concat([buffer, toBuffer(data)]);
      let size: number | null;
      try {
        size = pduSize(buffer);
      } catch {
        return finish({ ok: false, detail: "not DER" });
      }
      if (size !== null && size > MAX_REQUEST_BYTES) return finish({ ok: false, detail: "request too large" });
      if (size === null || buffer.length < size) return;
      try {
        const request = decodeRequest(buffer.subarray(0, size));
        if (!isX224ConnectionRequest(request.x224ConnectionRequest)) {
          return finish({ ok: false, detail: "no X.224 connection request" });
        }
        finish({ ok: true, request }, buffer.subarray(size));
      } catch (error) {
        finish({ ok: false, detail: (error as Error).message });
      }
    };
    // The caller's own listener has already put each message into `early`.
    const onMessage = (data: RawData) => take(data);
    const onClose = () => finish({ ok: false, detail: "closed before the request", closed: true });
    const timer = setTimeout(() => finish({ ok: false, detail: "no request in time" }), timeoutMs);
    ws.on("message", onMessage);
    ws.on("close", onClose);
    for (const data of [...early]) take(data);
  });
}

/** `host:port` or `[v6]:port` as IronRDP sends it; the port defaults to RDP's. */
export function sameDestination(destination: string, target: { host: string; port: number }): boolean {
  const match = destination.trim().match(/^(?:\[([^\]]+)\]|([^:]+))(?::(\d{1,5}))?$/);
  if (!match) return false;
  const host = (match[1] ?? match[2] ?? "").toLowerCase();
  const port = match[3] ? Number(match[3]) : 3389;
  return host === target.host.toLowerCase() && port === target.port;
}

/**
 * RDP through IronRDP in the browser: the gateway is the RDCleanPath proxy. It forwards the client's X.224 request,
 * makes the TLS connection to the desktop itself, answers with the server's confirm and certificates, and from then
 * on relays the RDP stream: cleartext inside the browser's (TLS-protected) WebSocket, encrypted towards the desktop.
 * The user's desktop password is inside that stream; the gateway never parses or logs it.
 */
export async function relayRdCleanPath(
  session: TunnelSession,
  request: RdCleanPathRequest,
  early: RawData[],
  logger: Logger,
): Promise<void> {
  let aborted = false;
  session.attach({ pause: () => {}, resume: () => {}, close: () => (aborted = true) });
  const pending: RawData[] = [...early];
  const hold = (data: RawData) => pending.push(data);
  session.ws.on("message", hold);

  const connection = await connectRdpServer(session.grant.target, request.x224ConnectionRequest);
  session.ws.off("message", hold);
  if (!connection.ok) {
    logger.info({ desktop: session.grant.desktopId, failure: connection.failure }, "rdp server connection failed");
    if (connection.failure === "unreachable") {
      session.sendToClient(encodeError({ errorCode: GENERAL_ERROR, wsaLastError: connection.wsaLastError }));
      return session.end("desktop_unreachable");
    }
    if (connection.failure === "tls") {
      session.sendToClient(encodeError({ errorCode: GENERAL_ERROR, tlsAlertCode: 40 }));
      return session.end("desktop_negotiation_failed");
    }
    const negotiation = connection.confirm
      ? encodeError({ errorCode: NEGOTIATION_ERROR, x224ConnectionResponse: connection.confirm })
      : encodeError({ errorCode: GENERAL_ERROR, httpStatusCode: 502 });
    session.sendToClient(negotiation);
    return session.end("desktop_negotiation_failed");
  }
  const { socket } = connection;
  if (aborted) return void socket.destroy();
  session.attach({ pause: () => socket.pause(), resume: () => socket.resume(), close: () => socket.destroy() });
  session.sendToClient(encodeResponse(connection.confirm, connection.certificateChain, connection.serverAddr));

  const forward = toDesktop(session, socket);
  session.ws.on("message", forward);
  for (const data of pending.splice(0)) forward(data);
  socket.on("data", (chunk: Buffer) => session.sendToClient(chunk));
  socket.resume();
  socket.on("error", () => session.end("desktop_closed"));
  socket.on("close", () => session.end("desktop_closed"));
}
