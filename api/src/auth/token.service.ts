import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
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

  constructor(
    installationSecret: string,
    readonly accessTtlSeconds: number,
    readonly refreshTtlSeconds: number,
    private readonly clock: () => Date,
  ) {
    this.key = deriveKey(installationSecret, KEY_LABELS.accessTokens);
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
          reason: "token_expired",
        });
      }
      throw new AppError("UNAUTHENTICATED", "The access token is not valid", { reason: "token_invalid" });
    }
  }

  newRefreshToken(): { token: string; hash: string; expiresAt: Date } {
    const token = randomBytes(32).toString("base64url");
    return { token, hash: sha256(token), expiresAt: new Date(this.clock().getTime() + this.refreshTtlSeconds * 1000) };
  }
}
