import { Client, type ClientChannel } from "ssh2";
import type { RawData } from "ws";
import { z } from "zod";
import type { Logger } from "../../../observability/logger.js";
import type { SshCredentials } from "../gateway.types.js";
import type { TunnelSession } from "../tunnel-session.js";
import { toBuffer } from "./vnc.relay.js";

/**
 * Browser → gateway frames are JSON text: `{"t":"d","d":"<keystrokes>"}` for input and
 * `{"t":"r","cols":N,"rows":N}` for a resize. Gateway → browser: terminal output as binary frames (raw bytes, so a
 * UTF-8 sequence split across chunks is reassembled by xterm.js), plus `{"t":"exit","code":N}` as text at the end.
 */
export const sshClientMessage = z.discriminatedUnion("t", [
  z.object({ t: z.literal("d"), d: z.string().max(1024 * 1024) }),
  z.object({ t: z.literal("r"), cols: z.number().int().min(1).max(1000), rows: z.number().int().min(1).max(1000) }),
]);

export interface TerminalSize {
  cols: number;
  rows: number;
}

/** SSH: the gateway logs in with the broker's credentials (the browser never sees them) and relays one PTY. */
export function relaySsh(
  session: TunnelSession,
  early: RawData[],
  credentials: SshCredentials,
  size: TerminalSize,
  logger: Logger,
): void {
  const client = new Client();
  let shell: ClientChannel | null = null;
  let ready = false;
  const pending: RawData[] = [...early];
  session.attach({
    pause: () => shell?.pause(),
    resume: () => shell?.resume(),
    close: () => client.end(),
  });

  const handle = (data: RawData) => {
    const raw = toBuffer(data);
    session.receivedFromClient(raw.length);
    let message: z.infer<typeof sshClientMessage>;
    try {
      message = sshClientMessage.parse(JSON.parse(raw.toString("utf8")));
    } catch {
      return; // Not ours to interpret: a malformed frame is dropped rather than typed into the shell.
    }
    if (!shell) return;
    if (message.t === "d") shell.write(message.d);
    else shell.setWindow(message.rows, message.cols, 0, 0);
  };
  session.ws.on("message", (data) => (shell ? handle(data) : pending.push(data)));

  client.on("ready", () => {
    ready = true;
    client.shell({ term: "xterm-256color", cols: size.cols, rows: size.rows }, (error, stream) => {
      if (error) return session.end("desktop_closed");
      shell = stream;
      for (const data of pending.splice(0)) handle(data);
      stream.on("data", (chunk: Buffer) => session.sendToClient(chunk));
      stream.stderr.on("data", (chunk: Buffer) => session.sendToClient(chunk));
      stream.on("exit", (code: number | null) => session.sendToClient(JSON.stringify({ t: "exit", code })));
      stream.on("close", () => session.end("desktop_closed"));
    });
  });
  client.on("error", (error: Error & { level?: string }) => {
    logger.warn({ err: error.message, level: error.level, desktop: session.grant.desktopId }, "ssh relay error");
    if (error.level === "client-authentication") return session.end("desktop_auth_failed");
    session.end(ready ? "desktop_closed" : "desktop_unreachable");
  });
  client.on("close", () => session.end(ready ? "desktop_closed" : "desktop_unreachable"));
  client.connect({
    host: session.grant.target.host,
    port: session.grant.target.port,
    username: credentials.username,
    password: credentials.password,
    privateKey: credentials.privateKey,
    readyTimeout: 15_000,
    keepaliveInterval: 30_000,
  });
}
