import type { NextAuthOptions, User } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { clientProofOf } from "../api/client-proof";
import { signInWithApi } from "./api-sign-in";
import { SESSION_MAX_AGE_SECONDS, secureCookiesEnabled, sessionSecret } from "./session-secret";
import type { ApiTokens } from "./session-token";

type SignedInUser = User & ApiTokens;

function headerValue(headers: Record<string, unknown> | undefined, name: string): string | null {
  const value = headers?.[name];
  if (Array.isArray(value)) return value.join(", ");
  return typeof value === "string" ? value : null;
}

/**
 * next-auth keeps the portal session: a JWT in an encrypted, http-only cookie that wraps the API's access and
 * refresh tokens. The portal's own sign-in form writes the same cookie from a server action; this provider serves
 * next-auth's standard endpoints (`/api/auth/session`, credential callbacks) over the same API call.
 */
export function authOptions(): NextAuthOptions {
  return {
    secret: sessionSecret(),
    useSecureCookies: secureCookiesEnabled(),
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
    pages: { signIn: "/signin", error: "/signin" },
    providers: [
      CredentialsProvider({
        id: "credentials",
        name: "Password",
        credentials: {
          username: { label: "Username", type: "text" },
          password: { label: "Password", type: "password" },
          tenant: { label: "Organisation", type: "text" },
        },
        async authorize(credentials, req): Promise<SignedInUser | null> {
          const outcome = await signInWithApi(
            {
              username: credentials?.username?.trim() ?? "",
              password: credentials?.password ?? "",
              tenant: credentials?.tenant?.trim().toLowerCase() || null,
            },
            clientProofOf({ get: (name) => headerValue(req.headers, name) }),
          );
          if (outcome.ok === false) throw new Error(outcome.message);
          // This endpoint has no second step; the portal's own sign-in page asks for the code.
          if (outcome.ok === "mfa") throw new Error("A second factor is required: sign in on the sign-in page.");
          const { userId, name, ...tokens } = outcome.session;
          return { id: userId, name, ...tokens };
        },
      }),
    ],
    callbacks: {
      jwt({ token, user }) {
        if (user) {
          const signedIn = user as SignedInUser;
          token.accessToken = signedIn.accessToken;
          token.refreshToken = signedIn.refreshToken;
          token.accessTokenExpiresAt = signedIn.accessTokenExpiresAt;
          token.tenantSlug = signedIn.tenantSlug;
        }
        return token;
      },
      // The browser-visible session carries the display name only; tokens stay inside the encrypted cookie.
      session({ session }) {
        return { expires: session.expires, user: { name: session.user?.name ?? null } };
      },
    },
  };
}
