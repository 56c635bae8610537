import net from "node:net";
import type { RawData } from "ws";
import type { TunnelSession } from "../tunnel-session.js";

/**
 * One large read buffer for every VNC tunnel of the process (reads run one at a time on the event loop). When the
 * viewer falls behind, a read takes everything the desktop queued, up to 1 MiB, in one system call and one
 * WebSocket frame instead of 64 KiB pieces: about a third less gateway CPU per byte (npm run bench -- gateway).
 */
const SHARED_READ_BUFFER = Buffer.allocUnsafe(1024 * 1024);

export function toBuffer(data: RawData): Buffer {
  if (Buffer.isBuffer(data)) return data;
  if (Array.isArray(data)) return Buffer.concat(data);
  return Buffer.from(data);
}

/** Browser → desktop: counts the bytes, and pauses the browser while the desktop's socket is full. */
export function toDesktop(session: TunnelSession, socket: net.Socket): (data: RawData) => void {
  return (data) => {
    const chunk = toBuffer(data);
    session.receivedFromClient(chunk.length);
    // A fast client cannot grow our buffers: it waits for the desktop to drain.
    if (!socket.write(chunk)) {
      session.ws.pause();
      socket.once("drain", () => session.ws.resume());
    }
  };
}

/**
 * VNC: the browser (noVNC) speaks RFB inside binary WebSocket frames; the gateway only moves bytes to and from the
 * desktop's VNC port, so RFB security (VNC auth, VeNCrypt) stays end to end between viewer and server.
 */
export function relayVnc(session: TunnelSession, early: RawData[]): void {
  const { host, port } = session.grant.target;
  const socket = net.connect({
    host,
    port,
    onread: {
      buffer: SHARED_READ_BUFFER,
      // Copied out at once: the next read of any tunnel reuses the buffer.
      callback: (size: number) => {
        session.sendToClient(Buffer.from(SHARED_READ_BUFFER.subarray(0, size)));
        return true;
      },
    },
  });
  socket.setNoDelay(true);
  let connected = false;
  session.attach({
    pause: () => socket.pause(),
    resume: () => socket.resume(),
    close: () => socket.destroy(),
  });

  const forward = toDesktop(session, socket);
  session.ws.on("message", forward);
  // Frames that arrived while the ticket was checked; the socket buffers them until it connects.
  for (const data of early.splice(0)) forward(data);

  socket.on("connect", () => {
    connected = true;
  });
  socket.on("error", () => session.end(connected ? "desktop_closed" : "desktop_unreachable"));
  socket.on("close", () => session.end(connected ? "desktop_closed" : "desktop_unreachable"));
}
