import net from "node:net";
import tls from "node:tls";

/** RDP_NEG_RSP selectedProtocol values ([MS-RDPBCGR] 2.2.1.2.1): anything but plain RDP security runs over TLS. */
const PROTOCOL_RDP = 0;
const TYPE_NEG_RSP = 0x02;
const TYPE_NEG_FAILURE = 0x03;
const X224_CONNECTION_CONFIRM = 0xd0;
const X224_CONNECTION_REQUEST = 0xe0;
/** TPKT header (4) + X.224 Connection Confirm fixed part (7) + RDP_NEG_RSP (8). */
const CONFIRM_WITH_NEGOTIATION = 19;

/** Windows Socket error numbers, the vocabulary RDCleanPath uses for network failures. */
const WSA: Record<string, number> = {
  ECONNREFUSED: 10061,
  ETIMEDOUT: 10060,
  EHOSTUNREACH: 10065,
  ENETUNREACH: 10051,
  ECONNRESET: 10054,
};

type Failure =
  | { failure: "unreachable"; wsaLastError: number }
  | { failure: "negotiation"; confirm: Buffer | null }
  | { failure: "tls" };

export type RdpServerConnection =
  | { ok: true; socket: tls.TLSSocket; confirm: Buffer; certificateChain: Buffer[]; serverAddr: string }
  | ({ ok: false } & Failure);

/** True when `pdu` is one TPKT-framed X.224 Connection Request, the only thing the gateway forwards before TLS. */
export function isX224ConnectionRequest(pdu: Buffer): boolean {
  return pdu.length >= 11 && pdu[0] === 3 && pdu.readUInt16BE(2) === pdu.length && pdu[5] === X224_CONNECTION_REQUEST;
}

/** Reads one TPKT packet (version 3, big-endian length) from a socket that is not yet encrypted. */
function readTpkt(socket: net.Socket): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    let buffer = Buffer.alloc(0);
    const cleanup = () => {
      socket.off("data", onData);
      socket.off("close", onClose);
    };
    const onData = (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      if (buffer.length < 4) return;
      if (buffer[0] !== 3) {
        cleanup();
        return reject(new Error("the desktop did not answer with TPKT"));
      }
      const length = buffer.readUInt16BE(2);
      if (buffer.length < length) return;
      cleanup();
      resolve(buffer.subarray(0, length));
    };
    const onClose = () => {
      cleanup();
      reject(new Error("the desktop closed during X.224 negotiation"));
    };
    socket.on("data", onData);
    socket.on("close", onClose);
  });
}

/** The chain as the server sent it, leaf first, each certificate once (a self-signed root is its own issuer). */
function certificateChain(socket: tls.TLSSocket): Buffer[] {
  const chain: Buffer[] = [];
  const seen = new Set<string>();
  for (
    let certificate: tls.DetailedPeerCertificate | undefined = socket.getPeerCertificate(true);
    certificate?.raw && !seen.has(certificate.fingerprint256);
    certificate = certificate.issuerCertificate
  ) {
    seen.add(certificate.fingerprint256);
    chain.push(certificate.raw);
  }
  return chain;
}

/**
 * The proxy's half of RDCleanPath: TCP to the desktop, the client's X.224 Connection Request, the server's confirm,
 * then the TLS handshake with the server. The server's certificate is not verified here (RDP servers present
 * self-signed certificates): the chain goes to the client, which pins it for CredSSP.
 */
export async function connectRdpServer(
  target: { host: string; port: number },
  x224ConnectionRequest: Buffer,
  timeoutMs = 15_000,
): Promise<RdpServerConnection> {
  const socket = net.connect({ host: target.host, port: target.port });
  socket.setNoDelay(true);
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    socket.destroy(Object.assign(new Error("timed out"), { code: "ETIMEDOUT" }));
  }, timeoutMs);
  try {
    await new Promise<void>((resolve, reject) => {
      socket.once("connect", resolve);
      socket.once("error", reject);
    });
  } catch (error) {
    clearTimeout(timer);
    const code = (error as NodeJS.ErrnoException).code ?? "";
    return { ok: false, failure: "unreachable", wsaLastError: WSA[code] ?? WSA.ECONNREFUSED! };
  }
  try {
    socket.write(x224ConnectionRequest);
    const confirm = await readTpkt(socket);
    const negotiated = confirm.length >= CONFIRM_WITH_NEGOTIATION && confirm[5] === X224_CONNECTION_CONFIRM;
    if (negotiated && confirm[11] === TYPE_NEG_FAILURE) return fail(socket, { failure: "negotiation", confirm });
    // No negotiation or plain RDP security: RDCleanPath needs TLS between proxy and server.
    if (!negotiated || confirm[11] !== TYPE_NEG_RSP || confirm.readUInt32LE(15) === PROTOCOL_RDP) {
      return fail(socket, { failure: "negotiation", confirm: null });
    }
    const secure = await new Promise<tls.TLSSocket>((resolve, reject) => {
      const upgraded = tls.connect({ socket, rejectUnauthorized: false }, () => resolve(upgraded));
      upgraded.once("error", reject);
    }).catch(() => null);
    if (!secure) return fail(socket, { failure: "tls" });
    const address = secure.remoteAddress ?? target.host;
    return {
      ok: true,
      socket: secure,
      confirm,
      certificateChain: certificateChain(secure),
      serverAddr: `${address.includes(":") ? `[${address}]` : address}:${secure.remotePort ?? target.port}`,
    };
  } catch {
    return fail(socket, { failure: "unreachable", wsaLastError: timedOut ? WSA.ETIMEDOUT! : WSA.ECONNRESET! });
  } finally {
    clearTimeout(timer);
  }
}

function fail(socket: net.Socket, failure: Failure): RdpServerConnection {
  socket.destroy();
  return { ok: false, ...failure };
}
