import { type NextRequest, NextResponse } from "next/server";
import { decode, encode } from "next-auth/jwt";
import { clientProofOf } from "./lib/api/client-proof";
import {
  SESSION_MAX_AGE_SECONDS,
  secureCookiesEnabled,
  sessionCookieName,
  sessionSecret,
} from "./lib/auth/session-secret";
import { needsRefresh, refreshTokens, tokensOf } from "./lib/auth/session-token";
import { signInPath, tenantSlugFromHost } from "./lib/routes";
import { contentSecurityPolicy, newNonce, strictTransportSecurity } from "./lib/security-headers";

const PUBLIC_PREFIXES = ["/signin", "/t/", "/login/sso", "/auth/sso/"];

function toSignIn(request: NextRequest, tenantSlug: string | null, reason?: string): NextResponse {
  const slug = tenantSlug ?? tenantSlugFromHost(request.headers.get("host"), process.env.ATRIUM_PORTAL_DOMAIN);
  const url = new URL(signInPath(slug), request.url);
  const wanted = request.nextUrl.pathname + request.nextUrl.search;
  if (wanted !== "/") url.searchParams.set("callbackUrl", wanted);
  if (reason) url.searchParams.set("reason", reason);
  const response = NextResponse.redirect(url);
  if (reason) response.cookies.delete(sessionCookieName());
  return response;
}

/** Goes on with this request's headers, which carry the content security policy Next.js takes the nonce from. */
function carryOn(request: NextRequest): NextResponse {
  return NextResponse.next({ request: { headers: request.headers } });
}

/**
 * Runs before every page and server action: sends visitors without a session to sign-in, and refreshes the API
 * access token shortly before it expires. Only here can a refreshed cookie be written for both this request (the
 * server components read it) and the browser.
 */
async function route(request: NextRequest): Promise<NextResponse> {
  const path = request.nextUrl.pathname;
  if (PUBLIC_PREFIXES.some((prefix) => path === prefix || path.startsWith(prefix))) return carryOn(request);
  const name = sessionCookieName();
  const raw = request.cookies.get(name)?.value;
  const secret = sessionSecret();
  const token = raw ? await decode({ token: raw, secret }).catch(() => null) : null;
  const tokens = tokensOf(token);
  if (!token || !tokens) return toSignIn(request, null, raw ? "expired" : undefined);
  if (!needsRefresh(tokens, Date.now())) return carryOn(request);

  const refreshed = await refreshTokens(tokens, clientProofOf(request.headers)).catch(() => undefined);
  if (refreshed === undefined) return carryOn(request); // API unreachable: let the page render its error.
  if (refreshed === null) return toSignIn(request, tokens.tenantSlug, "expired");
  const value = await encode({ token: { ...token, ...refreshed }, secret, maxAge: SESSION_MAX_AGE_SECONDS });
  request.cookies.set(name, value);
  const response = carryOn(request);
  response.cookies.set(name, value, {
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    secure: secureCookiesEnabled(),
    maxAge: SESSION_MAX_AGE_SECONDS,
  });
  return response;
}

/** Every page, server action and portal route gets a fresh nonce policy, and HSTS when served over https. */
export async function proxy(request: NextRequest): Promise<NextResponse> {
  const policy = contentSecurityPolicy(newNonce(), process.env.NODE_ENV === "development");
  request.headers.set("content-security-policy", policy);
  const response = await route(request);
  response.headers.set("content-security-policy", policy);
  const hsts = strictTransportSecurity(process.env.ATRIUM_PUBLIC_URL ?? process.env.NEXTAUTH_URL);
  if (hsts) response.headers.set("strict-transport-security", hsts);
  return response;
}

export const config = {
  matcher: ["/((?!api/auth|_next/static|_next/image|favicon.ico|icon.svg).*)"],
};
