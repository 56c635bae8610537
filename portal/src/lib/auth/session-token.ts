import type { JWT } from "next-auth/jwt";
import { RefreshSessionDocument } from "@/generated/graphql";
import type { ClientProof } from "../api/client-proof";
import { ApiError } from "../api/graphql-errors";
import { execute } from "../api/graphql-fetch";

/** What the encrypted session cookie holds: the API's tokens, never exposed to browser JavaScript. */
export interface ApiTokens {
  accessToken: string;
  refreshToken: string;
  /** Epoch milliseconds. */
  accessTokenExpiresAt: number;
  /** The tenant the user signed in to, so an expired session returns to the right sign-in page. */
  tenantSlug: string | null;
}

/** Refresh this long before the access token expires, so no request reaches the API with a stale token. */
export const REFRESH_MARGIN_MS = 60_000;

export function tokensOf(token: JWT | null): ApiTokens | null {
  if (!token) return null;
  const { accessToken, refreshToken, accessTokenExpiresAt, tenantSlug } = token as Partial<ApiTokens>;
  if (typeof accessToken !== "string" || typeof refreshToken !== "string") return null;
  if (typeof accessTokenExpiresAt !== "number") return null;
  return { accessToken, refreshToken, accessTokenExpiresAt, tenantSlug: tenantSlug ?? null };
}

export function needsRefresh(tokens: ApiTokens, now: number): boolean {
  return tokens.accessTokenExpiresAt - now < REFRESH_MARGIN_MS;
}

// Refresh tokens rotate (each works once). Parallel requests near expiry share one refresh call instead of
// racing, which would otherwise sign the user out.
const inFlight = new Map<string, Promise<ApiTokens | null>>();

async function callRefresh(tokens: ApiTokens, client: ClientProof): Promise<ApiTokens | null> {
  try {
    const data = await execute(RefreshSessionDocument, { refreshToken: tokens.refreshToken }, { client });
    return {
      accessToken: data.refreshSession.accessToken,
      refreshToken: data.refreshSession.refreshToken,
      accessTokenExpiresAt: Date.parse(data.refreshSession.accessTokenExpiresAt),
      tenantSlug: tokens.tenantSlug,
    };
  } catch (error) {
    if (error instanceof ApiError && error.code === "UNAUTHENTICATED") return null;
    throw error;
  }
}

/** New tokens, or null when the API says the session is over (revoked, expired, user disabled). */
export function refreshTokens(tokens: ApiTokens, client: ClientProof): Promise<ApiTokens | null> {
  const existing = inFlight.get(tokens.refreshToken);
  if (existing) return existing;
  const pending = callRefresh(tokens, client);
  inFlight.set(tokens.refreshToken, pending);
  // Keep the answer briefly for requests that were already in flight with the old cookie.
  pending.finally(() => setTimeout(() => inFlight.delete(tokens.refreshToken), 30_000).unref?.()).catch(() => {});
  return pending;
}
