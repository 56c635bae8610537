import { hkdfSync } from "node:crypto";

/**
 * What each key taken from the installation secret is for. A label names exactly one use, so a key for one
 * purpose (say, gateway tickets) can never verify or decrypt anything of another (access tokens). A new use gets a
 * new label; changing a label changes its key.
 */
export const KEY_LABELS = {
  /** AES-256-GCM key of SecretBox: cloud, directory and RADIUS secrets sealed in the database. */
  secretBox: "secret-box:v1",
  /** HS256 key of the API's access tokens. */
  accessTokens: "access-token:v1",
  /** HMAC key that makes a refresh token name its session (family), so a replayed rotated token can be recognised. */
  refreshTokens: "refresh-token:v1",
  /** HS256 key of the broker's one-time gateway tickets. */
  gatewayTickets: "gateway-ticket:v1",
  /** The portal's NEXTAUTH_SECRET, which encrypts its session cookies. */
  portalSessions: "portal-session:v1",
  /** HMAC key with which the portal vouches for a browser's address to the API (access/client/portal-client-proof). */
  portalClient: "portal-client:v1",
} as const;

export type KeyLabel = (typeof KEY_LABELS)[keyof typeof KEY_LABELS];

/** Fixed: the installation secret already carries the entropy; the salt only separates Atrium from other HKDF users. */
const SALT = "atrium";

/**
 * The one way a key is derived from the installation secret: HKDF-SHA256 with the key's label as info. These are
 * the parameters SecretBox always used, so secrets sealed in an existing database open unchanged.
 */
export function deriveKey(installationSecret: string, label: KeyLabel, length = 32): Buffer {
  return Buffer.from(hkdfSync("sha256", installationSecret, SALT, label, length));
}
