import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

let cached: string | null = null;

/**
 * `npm start` passes NEXTAUTH_SECRET (derived from the installation secret). Running the portal on its own still
 * needs no setup: a secret is generated once into the data folder and reused, so sessions survive restarts.
 */
export function sessionSecret(): string {
  if (process.env.NEXTAUTH_SECRET) return process.env.NEXTAUTH_SECRET;
  if (cached) return cached;
  const dataDir = process.env.ATRIUM_DATA_DIR ?? path.resolve(process.cwd(), "..", ".data");
  const file = path.resolve(dataDir, "portal-session.secret");
  try {
    cached = fs.readFileSync(file, "utf8").trim();
  } catch {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const secret = randomBytes(48).toString("base64url");
    try {
      fs.writeFileSync(file, secret, { mode: 0o600, flag: "wx" });
      cached = secret;
    } catch {
      // Another worker won the race: use what it wrote.
      cached = fs.readFileSync(file, "utf8").trim();
    }
  }
  return cached;
}

/** Secure cookies when the portal is served over https (production behind TLS). */
export function secureCookiesEnabled(): boolean {
  return (process.env.ATRIUM_PUBLIC_URL ?? process.env.NEXTAUTH_URL ?? "").startsWith("https://");
}

export function sessionCookieName(): string {
  return secureCookiesEnabled() ? "__Secure-next-auth.session-token" : "next-auth.session-token";
}

/** Sessions last as long as the API's refresh token (7 days by default). */
export const SESSION_MAX_AGE_SECONDS = 7 * 24 * 3600;
