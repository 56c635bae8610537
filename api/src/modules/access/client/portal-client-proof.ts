import { createHmac, timingSafeEqual } from "node:crypto";
import { formatIp, parseIpStrict } from "../evaluator/ip-address.util.js";

/**
 * The header in which the portal hands the API the browser's address, and its format:
 * `v1;<address>;<unix seconds>;<HMAC-SHA256, base64url>`, the MAC taken over the version, the address, the request
 * id (sent as X-Request-Id) and the time. Only the portal server holds the key (derived from the installation
 * secret), so a browser can neither write this header nor replay one into another request; the portal strips any
 * copy a browser sends. portal/server/client-proof.ts writes the same format.
 */
export const CLIENT_PROOF_HEADER = "x-atrium-client";

/** A proof older (or newer) than this is refused: it only ever travels from the portal to the API, at once. */
const MAX_AGE_SECONDS = 300;

function mac(key: Buffer, address: string, requestId: string, issuedAt: number): string {
  return createHmac("sha256", key).update(`v1;${address};${requestId};${issuedAt}`).digest("base64url");
}

export function signClientProof(key: Buffer, address: string, requestId: string, now: Date): string {
  const issuedAt = Math.floor(now.getTime() / 1000);
  return `v1;${address};${issuedAt};${mac(key, address, requestId, issuedAt)}`;
}

/** The address the portal vouches for, or null when the header is absent, malformed, stale or not the portal's. */
export function verifyClientProof(
  key: Buffer,
  header: string | string[] | undefined,
  requestId: string | string[] | undefined,
  now: Date,
): string | null {
  if (typeof header !== "string" || typeof requestId !== "string" || header.length > 300) return null;
  const [version, address, issued, signature, ...rest] = header.split(";");
  if (version !== "v1" || rest.length > 0 || !address || !issued || !signature || !/^\d{1,12}$/.test(issued)) {
    return null;
  }
  const issuedAt = Number(issued);
  if (Math.abs(now.getTime() / 1000 - issuedAt) > MAX_AGE_SECONDS) return null;
  const expected = Buffer.from(mac(key, address, requestId, issuedAt));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  // The portal could not tell the address (a malformed hop from its proxies): unknown, and the API fails closed.
  if (address === "unknown") return "unknown";
  const parsed = parseIpStrict(address);
  return parsed ? formatIp(parsed) : null;
}
