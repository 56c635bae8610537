import { createHash, createHmac, randomInt, timingSafeEqual } from "node:crypto";
import { createSocket, type RemoteInfo, type Socket } from "node:dgram";
import { isIPv6 } from "node:net";
import radius from "radius";
import { type RadiusProviderConfigInput, radiusProviderConfigSchema } from "./identity-provider.schemas.js";

export interface RadiusCredentials {
  username: string;
  /** The password on the first round; the one-time code (or "push") when answering a challenge. */
  password: string;
  /** Base64 State from a previous Access-Challenge. */
  state?: string;
}

export interface RadiusServerAddress {
  host: string;
  port: number;
}

export type RadiusOutcome =
  | { kind: "accept"; server: RadiusServerAddress; replyMessage?: string }
  | { kind: "reject"; server: RadiusServerAddress; replyMessage?: string }
  /** Second factor wanted (the Duo/Okta/PingID proxy pattern): show `message`, send the code back with `state`. */
  | { kind: "challenge"; server: RadiusServerAddress; state: string; message: string };

/** No configured server answered with a valid response in time. */
export class RadiusTimeoutError extends Error {
  constructor(readonly servers: RadiusServerAddress[]) {
    super(`no RADIUS answer from ${servers.map((s) => `${s.host}:${s.port}`).join(", ")}`);
    this.name = "RadiusTimeoutError";
  }
}

const HEADER_LENGTH = 20;
const MESSAGE_AUTHENTICATOR_TYPE = 80;

function equalBytes(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * RFC 2865 §3: Response Authenticator = MD5(Code+ID+Length+RequestAuth+Attributes+Secret). Checked with our own
 * constant-time comparison; the radius package compares the digests as UTF-8 strings, which is lossy.
 */
function validResponseAuthenticator(response: Buffer, requestAuthenticator: Buffer, secret: string): boolean {
  const md5 = createHash("md5");
  md5.update(response.subarray(0, 4));
  md5.update(requestAuthenticator);
  md5.update(response.subarray(HEADER_LENGTH));
  md5.update(secret);
  return equalBytes(md5.digest(), response.subarray(4, HEADER_LENGTH));
}

/** RFC 3579 §3.2: when a response carries Message-Authenticator, it must be the HMAC-MD5 we expect. */
function validMessageAuthenticator(response: Buffer, requestAuthenticator: Buffer, secret: string): boolean {
  const copy = Buffer.from(response);
  requestAuthenticator.copy(copy, 4);
  let received: Buffer | undefined;
  for (let offset = HEADER_LENGTH; offset + 2 <= copy.length; ) {
    const type = copy[offset];
    const length = copy[offset + 1];
    if (length < 2 || offset + length > copy.length) return false;
    if (type === MESSAGE_AUTHENTICATOR_TYPE) {
      if (length !== 18) return false;
      received = Buffer.from(copy.subarray(offset + 2, offset + 18));
      copy.fill(0, offset + 2, offset + 18);
    }
    offset += length;
  }
  if (received === undefined) return true;
  return equalBytes(createHmac("md5", secret).update(copy).digest(), received);
}

function textAttribute(value: unknown): string | undefined {
  if (typeof value === "string") return value;
  if (Array.isArray(value)) return value.filter((part) => typeof part === "string").join("\n") || undefined;
  if (Buffer.isBuffer(value)) return value.toString("utf8");
  return undefined;
}

/** Sends one request to one server (with retransmissions) and resolves with the first valid matching answer. */
function exchange(
  server: RadiusServerAddress,
  request: Buffer,
  secret: string,
  timeoutMs: number,
  attempts: number,
): Promise<Buffer | undefined> {
  const identifier = request[1];
  const requestAuthenticator = request.subarray(4, HEADER_LENGTH);
  const socket: Socket = createSocket(isIPv6(server.host) ? "udp6" : "udp4");
  return new Promise((resolve) => {
    let sent = 0;
    let timer: NodeJS.Timeout | undefined;
    const finish = (answer: Buffer | undefined) => {
      if (timer) clearTimeout(timer);
      socket.removeAllListeners("message");
      socket.close();
      resolve(answer);
    };
    const send = () => {
      if (sent >= attempts) {
        finish(undefined);
        return;
      }
      sent++;
      // Retransmissions reuse identifier and authenticator (RFC 5080 §2.2.1) so the server can spot duplicates.
      socket.send(request, server.port, server.host, (err) => {
        if (err) finish(undefined);
      });
      timer = setTimeout(send, timeoutMs);
    };
    socket.on("message", (message: Buffer, from: RemoteInfo) => {
      // Anything not from the server, for another request, or failing the authenticators is ignored, not fatal:
      // a spoofed packet must not be able to end the exchange.
      if (from.port !== server.port || message.length < HEADER_LENGTH || message[1] !== identifier) return;
      if (message.readUInt16BE(2) > message.length) return;
      const packet = message.subarray(0, message.readUInt16BE(2));
      if (!validResponseAuthenticator(packet, requestAuthenticator, secret)) return;
      if (!validMessageAuthenticator(packet, requestAuthenticator, secret)) return;
      finish(packet);
    });
    socket.on("error", () => finish(undefined));
    send();
  });
}

/**
 * Access-Request with PAP against the configured servers in order: a server that does not answer within
 * timeoutMs × (retries + 1) is skipped for the next one. A reject is final (no failover: it is an answer).
 */
export async function radiusAuthenticate(
  configInput: RadiusProviderConfigInput,
  credentials: RadiusCredentials,
): Promise<RadiusOutcome> {
  const config = radiusProviderConfigSchema.parse(configInput);
  const attributes: [string, string | Buffer][] = [
    ["User-Name", credentials.username],
    ["User-Password", credentials.password],
    ["NAS-Identifier", config.nasIdentifier],
    ["Service-Type", "Login-User"],
  ];
  if (credentials.state !== undefined) attributes.push(["State", Buffer.from(credentials.state, "base64")]);

  for (const server of config.servers) {
    const request = radius.encode({
      code: "Access-Request",
      secret: config.secret,
      identifier: randomInt(256),
      // A fresh array each time: encode() appends Message-Authenticator to the list it is given.
      attributes: attributes.map((attribute) => [...attribute]),
      // Message-Authenticator on every request (BlastRADIUS hardening); a signed answer is verified, an unsigned one
      // (FreeRADIUS before 3.2.5 does not sign) is still protected by the Response Authenticator.
      add_message_authenticator: true,
    });
    const answer = await exchange(server, request, config.secret, config.timeoutMs, config.retries + 1);
    if (!answer) continue;

    const decoded = radius.decode({ packet: answer, secret: config.secret });
    const replyMessage = textAttribute(decoded.attributes["Reply-Message"]);
    switch (decoded.code) {
      case "Access-Accept":
        return { kind: "accept", server, replyMessage };
      case "Access-Challenge": {
        const state = decoded.attributes.State;
        // A challenge without State cannot be answered; treat it as a refusal rather than guess.
        if (!Buffer.isBuffer(state)) return { kind: "reject", server, replyMessage };
        return { kind: "challenge", server, state: state.toString("base64"), message: replyMessage ?? "" };
      }
      default:
        return { kind: "reject", server, replyMessage };
    }
  }
  throw new RadiusTimeoutError(config.servers);
}
