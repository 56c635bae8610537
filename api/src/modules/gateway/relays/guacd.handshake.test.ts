import net from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { encodeInstruction, InstructionReader } from "./guacamole.protocol.js";
import { guacdHandshake } from "./guacd.handshake.js";

/**
 * guacd is not packaged for Debian 12, so the handshake is checked against a scripted peer that follows the
 * protocol reference: it answers `select` with `args`, checks the client's instructions and answers `ready`.
 */
function scriptedGuacd(argNames: string[], answer: (connect: string[]) => string) {
  const received: string[][] = [];
  const server = net.createServer((socket) => {
    const reader = new InstructionReader();
    socket.on("data", (chunk) => {
      for (const { elements } of reader.push(chunk.toString("utf8"))) {
        received.push(elements);
        if (elements[0] === "select") socket.write(encodeInstruction("args", ...argNames));
        if (elements[0] === "connect") socket.write(answer(elements.slice(1)));
      }
    });
  });
  return { server, received };
}

const servers: net.Server[] = [];
afterEach(() => {
  for (const server of servers.splice(0)) server.close();
});

async function listen(server: net.Server): Promise<number> {
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return (server.address() as net.AddressInfo).port;
}

const request = {
  protocol: "rdp" as const,
  parameters: { hostname: "10.0.0.7", port: "3389", username: "alice", password: "s3cret", security: "any" },
  display: { width: 1024, height: 768, dpi: 96 },
  timezone: "Europe/Berlin",
};

describe("guacd handshake", () => {
  it("answers every arg guacd asks for, in its order, and returns the connection id and early output", async () => {
    const guacd = scriptedGuacd(["VERSION_1_5_0", "hostname", "port", "username", "password", "domain"], () =>
      [encodeInstruction("ready", "$conn-1"), encodeInstruction("sync", "1"), "4.si"].join(""),
    );
    const port = await listen(guacd.server);
    const session = await guacdHandshake({ host: "127.0.0.1", port }, request);
    session.socket.destroy();

    expect(session.connectionId).toBe("$conn-1");
    expect(session.leftover).toBe("4.sync,1.1;4.si");
    expect(guacd.received.map((instruction) => instruction[0])).toEqual([
      "select",
      "size",
      "audio",
      "video",
      "image",
      "timezone",
      "connect",
    ]);
    expect(guacd.received[0]).toEqual(["select", "rdp"]);
    expect(guacd.received[1]).toEqual(["size", "1024", "768", "96"]);
    // The version is echoed; a parameter the broker has no value for is sent empty.
    expect(guacd.received.at(-1)).toEqual(["connect", "VERSION_1_5_0", "10.0.0.7", "3389", "alice", "s3cret", ""]);
  });

  it("fails with guacd's message when it answers with an error", async () => {
    const guacd = scriptedGuacd(["hostname"], () => encodeInstruction("error", "Unsupported protocol", "768"));
    const port = await listen(guacd.server);
    await expect(guacdHandshake({ host: "127.0.0.1", port }, request)).rejects.toThrow(/Unsupported protocol/);
  });

  it("fails when guacd is not there", async () => {
    const probe = net.createServer();
    const port = await listen(probe);
    probe.close();
    await expect(guacdHandshake({ host: "127.0.0.1", port }, request)).rejects.toThrow();
  });
});
