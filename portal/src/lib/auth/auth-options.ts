import type { NextAuthOptions, User } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { SignInDocument } from "@/generated/graphql";
import { ApiError } from "../api/graphql-errors";
import { execute } from "../api/graphql-fetch";
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
 * refresh tokens. Sign-in itself is the API's `signIn`; the portal decides nothing about credentials.
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
          const username = credentials?.username?.trim() ?? "";
          const password = credentials?.password ?? "";
          const tenant = credentials?.tenant?.trim().toLowerCase() || null;
          if (!username || !password) throw new Error("Enter your username and password.");
          try {
            const data = await execute(
              SignInDocument,
              { input: { username, password, tenant } },
              { forwardedFor: headerValue(req.headers, "x-forwarded-for") },
            );
            const { viewer } = data.signIn;
            return {
              id: viewer.id,
              name: viewer.displayName ?? viewer.username,
              accessToken: data.signIn.accessToken,
              refreshToken: data.signIn.refreshToken,
              accessTokenExpiresAt: Date.parse(data.signIn.accessTokenExpiresAt),
              tenantSlug: viewer.tenantSlug,
            };
          } catch (error) {
            // The message reaches the sign-in form; the API's wording never reveals whether the user exists.
            throw new Error(error instanceof ApiError ? error.message : "Sign-in failed. Try again.");
          }
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
