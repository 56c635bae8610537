import { createCipheriv, hkdfSync, randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { deriveKey, KEY_LABELS } from "./key-derivation.js";
import { SecretBox } from "./secret-box.js";

const SECRET = "installation-secret-installation-secret-0123";

/** A value sealed the way SecretBox sealed it before keys had one derivation, from its own hkdfSync call. */
function sealedByEarlierVersion(plaintext: string): string {
  const key = Buffer.from(hkdfSync("sha256", SECRET, "atrium", "secret-box:v1", 32));
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return ["v1", iv, cipher.getAuthTag(), body]
    .map((part) => (typeof part === "string" ? part : part.toString("base64url")))
    .join(":");
}

describe("deriveKey", () => {
  it("opens secrets sealed in an existing database (the secret-box key is unchanged)", () => {
    expect(new SecretBox(SECRET).open(sealedByEarlierVersion("cloud-password"))).toBe("cloud-password");
  });

  it("gives every label its own key, and the same key for the same secret and label", () => {
    const keys = Object.values(KEY_LABELS).map((label) => deriveKey(SECRET, label).toString("hex"));
    expect(new Set(keys).size).toBe(keys.length);
    expect(deriveKey(SECRET, KEY_LABELS.accessTokens)).toEqual(deriveKey(SECRET, KEY_LABELS.accessTokens));
    expect(deriveKey(`${SECRET}x`, KEY_LABELS.accessTokens)).not.toEqual(deriveKey(SECRET, KEY_LABELS.accessTokens));
  });

  it("makes 32-byte keys unless told otherwise", () => {
    expect(deriveKey(SECRET, KEY_LABELS.gatewayTickets)).toHaveLength(32);
    expect(deriveKey(SECRET, KEY_LABELS.portalSessions, 48)).toHaveLength(48);
  });
});
