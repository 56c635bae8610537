import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

export interface SigningKey {
  privateKeyPem: string;
  certificatePem: string;
}

/** A fresh RSA key and self-signed certificate, as an IdP would have its own (openssl from the Debian base). */
export function createSigningKey(commonName: string): SigningKey {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "atrium-idp-key-"));
  try {
    const key = path.join(dir, "key.pem");
    const cert = path.join(dir, "cert.pem");
    execFileSync(
      "openssl",
      [
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-sha256",
        "-days",
        "2",
        "-subj",
        `/CN=${commonName}`,
        "-keyout",
        key,
        "-out",
        cert,
      ],
      { stdio: "ignore" },
    );
    return { privateKeyPem: fs.readFileSync(key, "utf8"), certificatePem: fs.readFileSync(cert, "utf8") };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
