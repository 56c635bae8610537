import type WebSocket from "ws";
import { FrameReader } from "./gateway.harness.js";
import { vncAuthResponse } from "./gateway-des.harness.js";

export interface RfbResult {
  serverVersion: string;
  width: number;
  height: number;
  name: string;
  /** Message type of the first server message after our update request (0 = FramebufferUpdate). */
  firstMessageType: number;
  rectangles: number;
}

/**
 * A minimal RFB 3.8 client over the gateway's WebSocket: version, VNC authentication, ClientInit/ServerInit, then
 * a non-incremental FramebufferUpdateRequest for a small corner, answered by a FramebufferUpdate.
 */
export async function rfbHandshake(ws: WebSocket, password: string): Promise<RfbResult> {
  const reader = new FrameReader(ws);
  const serverVersion = (await reader.read(12)).toString("latin1").trim();
  ws.send(Buffer.from("RFB 003.008\n", "latin1"));
  const count = (await reader.read(1))[0]!;
  if (count === 0) {
    const length = (await reader.read(4)).readUInt32BE(0);
    throw new Error(`server refused: ${(await reader.read(length)).toString()}`);
  }
  const types = [...(await reader.read(count))];
  if (!types.includes(2)) throw new Error(`no VNC authentication offered: ${types}`);
  ws.send(Buffer.from([2]));
  const challenge = await reader.read(16);
  ws.send(vncAuthResponse(password, challenge));
  const status = (await reader.read(4)).readUInt32BE(0);
  if (status !== 0) {
    const length = (await reader.read(4)).readUInt32BE(0);
    throw new Error(`VNC authentication failed: ${(await reader.read(length)).toString()}`);
  }
  ws.send(Buffer.from([1])); // ClientInit: shared
  const init = await reader.read(24);
  const width = init.readUInt16BE(0);
  const height = init.readUInt16BE(2);
  const name = (await reader.read(init.readUInt32BE(20))).toString("utf8");
  // SetEncodings: raw only; then FramebufferUpdateRequest (non-incremental) for 32x32 at the origin.
  ws.send(Buffer.from([2, 0, 0, 1, 0, 0, 0, 0]));
  ws.send(Buffer.from([3, 0, 0, 0, 0, 0, 0, 32, 0, 32]));
  const header = await reader.read(4);
  return { serverVersion, width, height, name, firstMessageType: header[0]!, rectangles: header.readUInt16BE(2) };
}
