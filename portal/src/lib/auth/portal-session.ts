import { cookies } from "next/headers";
import { encode } from "next-auth/jwt";
import type { SignedIn } from "./api-sign-in";
import { SESSION_MAX_AGE_SECONDS, secureCookiesEnabled, sessionCookieName, sessionSecret } from "./session-secret";

/** Stores the API's tokens in the next-auth session cookie (encrypted JWT, http-only): the sign-in is complete. */
export async function startPortalSession(session: SignedIn): Promise<void> {
  const { userId, name, ...tokens } = session;
  const value = await encode({
    token: { sub: userId, name, ...tokens },
    secret: sessionSecret(),
    maxAge: SESSION_MAX_AGE_SECONDS,
  });
  (await cookies()).set(sessionCookieName(), value, {
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    secure: secureCookiesEnabled(),
    maxAge: SESSION_MAX_AGE_SECONDS,
  });
}
