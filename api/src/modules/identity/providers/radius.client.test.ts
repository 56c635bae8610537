import { createSocket, type Socket } from "node:dgram";
import radius from "radius";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RadiusTimeoutError, radiusAuthenticate } from "./radius.client.js";
import { leaseRadiusServer, RADIUS_TEST_SERVER, type ServerLease } from "./test-servers.js";

const live = { host: RADIUS_TEST_SERVER.host, port: RADIUS_TEST_SERVER.port };
const config = { servers: [live], secret: RADIUS_TEST_SERVER.secret, timeoutMs: 3_000, retries: 0 };
const { users } = RADIUS_TEST_SERVER;

/** A UDP socket that swallows every request: a RADIUS server that never answers. */
async function blackHole(): Promise<{ socket: Socket; port: number }> {
  const socket = createSocket("udp4");
  await new Promise<void>((resolve) => socket.bind(0, "127.0.0.1", resolve));
  return { socket, port: socket.address().port };
}

/** A fake server answering every request with Access-Accept, signed with `secret`. */
async function acceptingFake(secret: string): Promise<{ socket: Socket; port: number }> {
  const fake = await blackHole();
  fake.socket.on("message", (message, from) => {
    const request = radius.decode_without_secret({ packet: message });
    const answer = radius.encode_response({ packet: request, code: "Access-Accept", secret });
    fake.socket.send(answer, from.port, from.address);
  });
  return fake;
}

let lease: ServerLease;
let silent: { socket: Socket; port: number };
beforeAll(async () => {
  lease = await leaseRadiusServer();
  silent = await blackHole();
});
afterAll(async () => {
  silent?.socket.close();
  await lease?.release();
});

describe("radiusAuthenticate against FreeRADIUS", () => {
  it("accepts a PAP user with the right password and rejects a wrong one", async () => {
    expect(await radiusAuthenticate(config, { username: "alice", password: users.alice })).toMatchObject({
      kind: "accept",
      server: live,
    });
    expect(await radiusAuthenticate(config, { username: "alice", password: "nope" })).toMatchObject({ kind: "reject" });
    expect(await radiusAuthenticate(config, { username: "nobody", password: "x" })).toMatchObject({ kind: "reject" });
  });

  it("runs the challenge round trip (password, then code or push with the State)", async () => {
    const first = await radiusAuthenticate(config, { username: "mfa-user", password: users.mfaUser });
    expect(first).toMatchObject({ kind: "challenge", message: "Enter your code" });
    if (first.kind !== "challenge") return;
    const code = await radiusAuthenticate(config, {
      username: "mfa-user",
      password: RADIUS_TEST_SERVER.mfaCode,
      state: first.state,
    });
    expect(code.kind).toBe("accept");

    const again = await radiusAuthenticate(config, { username: "mfa-user", password: users.mfaUser });
    if (again.kind !== "challenge") throw new Error("expected a challenge");
    expect(again.state).not.toBe(first.state);
    const push = await radiusAuthenticate(config, { username: "mfa-user", password: "push", state: again.state });
    expect(push.kind).toBe("accept");
  });

  it("rejects a wrong code, a forged State and a wrong first password", async () => {
    const first = await radiusAuthenticate(config, { username: "mfa-user", password: users.mfaUser });
    if (first.kind !== "challenge") throw new Error("expected a challenge");
    const wrongCode = await radiusAuthenticate(config, {
      username: "mfa-user",
      password: "000000",
      state: first.state,
    });
    expect(wrongCode.kind).toBe("reject");
    const forged = Buffer.from("not-our-state").toString("base64");
    const forgedState = await radiusAuthenticate(config, {
      username: "mfa-user",
      password: RADIUS_TEST_SERVER.mfaCode,
      state: forged,
    });
    expect(forgedState.kind).toBe("reject");
    expect((await radiusAuthenticate(config, { username: "mfa-user", password: "bad" })).kind).toBe("reject");
  });

  it("ignores answers signed with another secret (they look like no answer)", async () => {
    // FreeRADIUS drops requests from a known client with a bad secret, so this ends as a timeout, never an accept.
    const wrongSecret = { ...config, secret: "some-other-secret", timeoutMs: 500 };
    await expect(radiusAuthenticate(wrongSecret, { username: "alice", password: users.alice })).rejects.toBeInstanceOf(
      RadiusTimeoutError,
    );
  });

  it("times out on a server slower than the timeout, and waits for it with a longer one", async () => {
    const impatient = { ...config, timeoutMs: 300, retries: 1 };
    await expect(
      radiusAuthenticate(impatient, { username: "slow-user", password: users.slowUser }),
    ).rejects.toBeInstanceOf(RadiusTimeoutError);
    const patient = { ...config, timeoutMs: 10_000 };
    expect((await radiusAuthenticate(patient, { username: "slow-user", password: users.slowUser })).kind).toBe(
      "accept",
    );
  });

  it("fails over to the next server when the first does not answer", async () => {
    const servers = [{ host: "127.0.0.1", port: silent.port }, live];
    const result = await radiusAuthenticate(
      { ...config, servers, timeoutMs: 300, retries: 1 },
      { username: "bob", password: users.bob },
    );
    expect(result).toMatchObject({ kind: "accept", server: live });

    const allSilent = { ...config, servers: [{ host: "127.0.0.1", port: silent.port }], timeoutMs: 200 };
    await expect(radiusAuthenticate(allSilent, { username: "bob", password: users.bob })).rejects.toThrow(
      /no RADIUS answer/,
    );
  });

  it("verifies the response authenticator: a forged accept is ignored, a genuine one is taken", async () => {
    const forger = await acceptingFake("not-the-shared-secret");
    const genuine = await acceptingFake(config.secret);
    try {
      const forged = { ...config, servers: [{ host: "127.0.0.1", port: forger.port }], timeoutMs: 300 };
      await expect(radiusAuthenticate(forged, { username: "alice", password: "x" })).rejects.toBeInstanceOf(
        RadiusTimeoutError,
      );
      const signed = { ...config, servers: [{ host: "127.0.0.1", port: genuine.port }] };
      expect((await radiusAuthenticate(signed, { username: "alice", password: "x" })).kind).toBe("accept");
    } finally {
      forger.socket.close();
      genuine.socket.close();
    }
  });
});
