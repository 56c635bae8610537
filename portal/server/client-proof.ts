import { createHmac } from "node:crypto";

/**
 * How the portal vouches for a browser's address to the API: `v1;<address>;<unix seconds>;<HMAC-SHA256>`, the MAC
 * over the version, the address, the request id the API receives as X-Request-Id, and the time. The API checks it
 * with the same key (api/src/modules/access/client/portal-client-proof.ts); tests on both sides pin one vector.
 */
export const CLIENT_PROOF_HEADER = "x-atrium-client";

export function signClientProof(key: string, address: string, requestId: string, now: Date): string {
  const issuedAt = Math.floor(now.getTime() / 1000);
  const mac = createHmac("sha256", Buffer.from(key))
    .update(`v1;${address};${requestId};${issuedAt}`)
    .digest("base64url");
  return `v1;${address};${issuedAt};${mac}`;
}
