import { randomBytes } from "node:crypto";
import { sha256 } from "./token.service.js";

const KEY_PATTERN = /^atr_([A-Za-z0-9]{12})_([A-Za-z0-9_-]{43})$/;

/**
 * Keys look like `atr_<prefix>_<secret>`: the prefix finds the row, the secret (256 random bits) is compared by
 * hash. A fast hash is enough for a secret with that much entropy, and keeps every API call cheap.
 */
export function generateApiKey(): { key: string; prefix: string; secretHash: string } {
  const alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
  const prefix = Array.from(randomBytes(12), (byte) => alphabet[byte % alphabet.length]).join("");
  const secret = randomBytes(32).toString("base64url");
  return { key: `atr_${prefix}_${secret}`, prefix, secretHash: sha256(secret) };
}

export function parseApiKey(value: string): { prefix: string; secretHash: string } | null {
  const match = KEY_PATTERN.exec(value);
  return match ? { prefix: match[1]!, secretHash: sha256(match[2]!) } : null;
}

export function looksLikeApiKey(value: string): boolean {
  return value.startsWith("atr_");
}
