import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { deriveKey, KEY_LABELS } from "./key-derivation.js";

const VERSION = "v1";

/**
 * Encrypts secrets at rest (cloud passwords, bind passwords, RADIUS secrets) with AES-256-GCM under a key
 * derived from the installation secret. The version prefix lets us rotate the scheme later.
 */
export class SecretBox {
  private readonly key: Buffer;

  constructor(installationSecret: string) {
    this.key = deriveKey(installationSecret, KEY_LABELS.secretBox);
  }

  seal(plaintext: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv("aes-256-gcm", this.key, iv);
    const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
    return [
      VERSION,
      iv.toString("base64url"),
      cipher.getAuthTag().toString("base64url"),
      body.toString("base64url"),
    ].join(":");
  }

  open(sealed: string): string {
    const [version, iv, tag, body] = sealed.split(":");
    if (version !== VERSION || !iv || !tag || body === undefined) throw new Error("Unrecognised sealed secret");
    const decipher = createDecipheriv("aes-256-gcm", this.key, Buffer.from(iv, "base64url"));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8");
  }
}
