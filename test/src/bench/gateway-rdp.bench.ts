import net from "node:net";
import tls from "node:tls";
import WebSocket from "ws";
import { createSigningKey } from "../idp/test-keys.js";
import { exchange, rdCleanPathRequest, x224ConnectionRequest } from "../integration/gateway-rdcleanpath.harness.js";

/** Both ends of a benchmarked path: bytes in, bytes out. */
export interface Channel {
  send(data: Buffer): void;
  onData(listener: (data: Buffer) => void): void;
  close(): void;
}

/** X.224 Connection Confirm selecting PROTOCOL_SSL, as xrdp answers a TLS-capable client. */
const CONFIRM = Buffer.from("030000130ed000001234000201080001000000", "hex");

/** A throwaway self-signed certificate for the bench's RDP server (RDP servers usually present one). */
export function benchCertificate(): { key: string; cert: string } {
  const { privateKeyPem, certificatePem } = createSigningKey("atrium-bench-rdp");
  return { key: privateKeyPem, cert: certificatePem };
}

/** The RDP server's start: read the X.224 request, confirm TLS, then hand over the TLS connection. */
export function acceptRdp(
  socket: net.Socket,
  credentials: { key: string; cert: string },
  serve: (secure: tls.TLSSocket) => void,
) {
  let received = Buffer.alloc(0);
  const onData = (chunk: Buffer) => {
    received = Buffer.concat([received, chunk]);
    if (received.length < 4 || received.length < received.readUInt16BE(2)) return;
    socket.off("data", onData);
    socket.write(CONFIRM);
    const secure = new tls.TLSSocket(socket, { isServer: true, ...credentials });
    secure.setNoDelay?.(true);
    secure.on("error", () => {});
    serve(secure);
  };
  socket.on("data", onData);
}

/** Direct: what an RDP client does without a gateway (X.224, then TLS straight to the server). */
export function directRdpChannel(port: number): Promise<Channel> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: "127.0.0.1", port }, () => socket.write(x224ConnectionRequest("bench")));
    socket.setNoDelay(true);
    socket.once("error", reject);
    socket.once("data", () => {
      const secure = tls.connect({ socket, rejectUnauthorized: false }, () =>
        resolve({
          send: (data) => secure.write(data),
          onData: (listener) => secure.on("data", listener),
          close: () => secure.destroy(),
        }),
      );
      secure.once("error", reject);
    });
  });
}

/** Through the gateway: an RDCleanPath request, its response, then the relayed stream inside the WebSocket. */
export async function rdCleanPathChannel(gatewayPort: number, desktopPort: number): Promise<Channel> {
  const ws = new WebSocket(`ws://127.0.0.1:${gatewayPort}/tunnel/rdcleanpath`, { perMessageDeflate: false });
  const { answer, rest } = await exchange(ws, rdCleanPathRequest(`127.0.0.1:${desktopPort}`, "bench-rdp"));
  if (answer.error) throw new Error(`the gateway refused the bench: ${JSON.stringify(answer.error)}`);
  return {
    send: (data) => ws.send(data),
    onData: (listener) => {
      if (rest.length) listener(rest);
      ws.on("message", (data: Buffer) => listener(data));
    },
    close: () => ws.close(),
  };
}
