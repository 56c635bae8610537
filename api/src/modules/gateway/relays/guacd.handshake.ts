import net from "node:net";
import { StringDecoder } from "node:string_decoder";
import { encodeInstruction, GuacamoleProtocolError, InstructionReader } from "./guacamole.protocol.js";

export interface GuacdConnection {
  protocol: "rdp" | "vnc" | "ssh";
  /** Values for guacd's connection parameters (hostname, port, username, password, security, ignore-cert, …). */
  parameters: Record<string, string>;
  display: { width: number; height: number; dpi: number };
  timezone?: string;
  timeoutMs?: number;
}

export interface GuacdSession {
  socket: net.Socket;
  /** guacd's connection id from `ready`. */
  connectionId: string;
  /** Instructions guacd sent after `ready` in the same read, to pass on to the browser. */
  leftover: string;
  decoder: StringDecoder;
}

/**
 * The handshake the gateway does on the browser's behalf, so connection parameters (and passwords) come from the
 * broker: `select` → guacd's `args` → `size`/`audio`/`video`/`image`/`timezone` → `connect` with a value for every
 * arg guacd asked for → `ready`.
 */
export function guacdHandshake(
  address: { host: string; port: number },
  request: GuacdConnection,
): Promise<GuacdSession> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(address);
    const decoder = new StringDecoder("utf8");
    const reader = new InstructionReader();
    let stage: "args" | "ready" = "args";
    const fail = (error: Error) => {
      socket.destroy();
      reject(error);
    };
    socket.setTimeout(request.timeoutMs ?? 15_000, () => fail(new GuacamoleProtocolError("guacd handshake timed out")));
    socket.on("error", fail);
    socket.on("connect", () => socket.write(encodeInstruction("select", request.protocol)));
    const onData = (chunk: Buffer) => {
      let instructions: ReturnType<InstructionReader["push"]>;
      try {
        instructions = reader.push(decoder.write(chunk));
      } catch (error) {
        return fail(error as Error);
      }
      for (const [index, { elements }] of instructions.entries()) {
        const [opcode, ...args] = elements;
        if (opcode === "error") return fail(new GuacamoleProtocolError(`guacd refused: ${args.join(" ")}`));
        if (stage === "args" && opcode === "args") {
          const { width, height, dpi } = request.display;
          const values = args.map((name) =>
            // Protocol 1.1+: the first arg is guacd's version; answering with the same one agrees to it.
            name.startsWith("VERSION_") ? name : (request.parameters[name] ?? ""),
          );
          socket.write(
            encodeInstruction("size", String(width), String(height), String(dpi)) +
              encodeInstruction("audio") +
              encodeInstruction("video") +
              encodeInstruction("image", "image/png", "image/jpeg", "image/webp") +
              (request.timezone ? encodeInstruction("timezone", request.timezone) : "") +
              encodeInstruction("connect", ...values),
          );
          stage = "ready";
        } else if (stage === "ready" && opcode === "ready") {
          socket.off("data", onData);
          socket.setTimeout(0);
          socket.off("error", fail);
          const leftover =
            instructions
              .slice(index + 1)
              .map((item) => item.raw)
              .join("") + reader.rest;
          return resolve({ socket, connectionId: args[0] ?? "", leftover, decoder });
        } else {
          return fail(new GuacamoleProtocolError(`unexpected '${opcode}' during the guacd handshake`));
        }
      }
    };
    socket.on("data", onData);
    socket.on("close", () => reject(new GuacamoleProtocolError("guacd closed the connection during the handshake")));
  });
}
