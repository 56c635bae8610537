import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { errors as joseErrors, jwtVerify, SignJWT } from "jose";
import { AppError } from "../errors/app-error.js";
import { deriveKey, KEY_LABELS } from "../security/key-derivation.js";

export interface AccessClaims {
  /** User id. */
  sub: string;
  /** Session id (auth_session row) — revoking it ends the access token's life at the next request. */
  sid: string;
}

const ISSUER = "atrium";
const AUDIENCE = "atrium-api";

export function sha256(value: string): string {
  return createHash("sha256").update(value).digest("hex");
}

export function constantTimeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

export class TokenService {
  private readonly key: Uint8Array;
  private readonly refreshKey: Uint8Array;

  constructor(
    installationSecret: string,
    readonly accessTtlSeconds: number,
    readonly refreshTtlSeconds: number,
    private readonly clock: () => Date,
  ) {
    this.key = deriveKey(installationSecret, KEY_LABELS.accessTokens);
    this.refreshKey = deriveKey(installationSecret, KEY_LABELS.refreshTokens);
  }

  async signAccess(claims: AccessClaims): Promise<{ token: string; expiresAt: Date }> {
    const issuedAt = Math.floor(this.clock().getTime() / 1000);
    const expiresAt = new Date((issuedAt + this.accessTtlSeconds) * 1000);
    const token = await new SignJWT({ sid: claims.sid })
      .setProtectedHeader({ alg: "HS256" })
      .setSubject(claims.sub)
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt(issuedAt)
      .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
      .sign(this.key);
    return { token, expiresAt };
  }

  async verifyAccess(token: string): Promise<AccessClaims> {
    try {
      const { payload } = await jwtVerify(token, this.key, {
        issuer: ISSUER,
        audience: AUDIENCE,
        algorithms: ["HS256"],
        currentDate: this.clock(),
      });
      if (typeof payload.sub !== "string" || typeof payload.sid !== "string") throw new Error("malformed claims");
      return { sub: payload.sub, sid: payload.sid };
    } catch (error) {
      if (error instanceof joseErrors.JWTExpired) {
        throw new AppError("UNAUTHENTICATED", "Your session has expired; refresh it or sign in again", {
          reason: "TOKEN_EXPIRED",
        });
      }
      throw new AppError("UNAUTHENTICATED", "The access token is not valid", { reason: "TOKEN_INVALID" });
    }
  }

  /**
   * A refresh token is `<session id>.<random>.<mac>`: each rotation makes a new one for the same session (its family),
   * only the newest is stored (hashed), and the MAC lets an older token be recognised as this family's without keeping
   * every rotated hash, and keeps anyone who merely knows a session id from forging one.
   */
  newRefreshToken(sessionId: string): { token: string; hash: string; expiresAt: Date } {
    const body = `${sessionId}.${randomBytes(32).toString("base64url")}`;
    const token = `${body}.${this.refreshMac(body)}`;
    return { token, hash: sha256(token), expiresAt: new Date(this.clock().getTime() + this.refreshTtlSeconds * 1000) };
  }

  /** The session a genuine refresh token was issued for (current or rotated), or null for anything else. */
  refreshFamily(token: string): string | null {
    const parts = token.split(".");
    if (parts.length !== 3) return null;
    const [sessionId, random] = parts as [string, string, string];
    return constantTimeEqual(this.refreshMac(`${sessionId}.${random}`), parts[2]!) ? sessionId : null;
  }

  private refreshMac(body: string): string {
    return createHmac("sha256", this.refreshKey).update(body).digest("base64url");
  }
}
