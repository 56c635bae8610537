import type { RawData } from "ws";
import type { Logger } from "../../../observability/logger.js";
import type { SshCredentials } from "../gateway.types.js";
import type { TunnelSession } from "../tunnel-session.js";
import { encodeInstruction, InstructionReader } from "./guacamole.protocol.js";
import { type GuacdConnection, guacdHandshake } from "./guacd.handshake.js";
import { toBuffer } from "./vnc.relay.js";

/** The tunnel-internal opcode of guacamole-common-js's WebSocketTunnel (UUID announcement, pings). */
const INTERNAL_OPCODE = "";

export interface GuacdRelayOptions {
  guacd: { host: string; port: number };
  credentials: SshCredentials | null;
  display: GuacdConnection["display"];
  timezone?: string;
  logger: Logger;
}

/**
 * RDP in the browser: guacamole-common-js ⇄ gateway ⇄ guacd ⇄ desktop. The gateway does the guacd handshake with
 * the ticket's target and the broker's credentials, then relays whole instructions both ways.
 */
export function relayGuacd(session: TunnelSession, early: RawData[], options: GuacdRelayOptions): void {
  const pending: RawData[] = [...early];
  let send: ((data: RawData) => void) | null = null;
  session.ws.on("message", (data) => (send ? send(data) : pending.push(data)));
  let aborted = false;
  session.attach({ pause: () => {}, resume: () => {}, close: () => (aborted = true) });

  const { host, port } = session.grant.target;
  guacdHandshake(options.guacd, {
    protocol: "rdp",
    parameters: {
      hostname: host,
      port: String(port),
      username: options.credentials?.username ?? "",
      password: options.credentials?.password ?? "",
      security: "any",
      "ignore-cert": "true",
      "resize-method": "display-update",
    },
    display: options.display,
    timezone: options.timezone,
  }).then(
    ({ socket, connectionId, leftover, decoder }) => {
      if (aborted) return socket.destroy();
      session.attach({ pause: () => socket.pause(), resume: () => socket.resume(), close: () => socket.destroy() });
      const fromGuacd = new InstructionReader();
      const relayText = (text: string) => {
        const whole = fromGuacd.push(text);
        if (whole.length) session.sendToClient(whole.map((item) => item.raw).join(""));
      };
      session.sendToClient(encodeInstruction(INTERNAL_OPCODE, connectionId));
      relayText(leftover);
      socket.on("data", (chunk: Buffer) => relayText(decoder.write(chunk)));
      socket.on("close", () => session.end("desktop_closed"));
      socket.on("error", () => session.end("desktop_closed"));

      const fromBrowser = new InstructionReader();
      send = (data) => {
        const raw = toBuffer(data);
        session.receivedFromClient(raw.length);
        let forward = "";
        try {
          for (const { raw: text, elements } of fromBrowser.push(raw.toString("utf8"))) {
            if (elements[0] !== INTERNAL_OPCODE) forward += text;
            // Keep-alive pings are answered here; guacd never sees the tunnel's own instructions.
            else if (elements[1] === "ping") session.sendToClient(text);
          }
        } catch {
          return session.end("error");
        }
        if (forward) socket.write(forward);
      };
      for (const data of pending.splice(0)) send(data);
    },
    (error: Error) => {
      options.logger.warn({ err: error.message, desktop: session.grant.desktopId }, "guacd handshake failed");
      session.end("desktop_unreachable");
    },
  );
}
