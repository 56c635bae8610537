import { SignInDocument } from "@/generated/graphql";
import { ApiError } from "../api/graphql-errors";
import { execute } from "../api/graphql-fetch";
import type { ApiTokens } from "./session-token";

export interface SignedIn extends ApiTokens {
  userId: string;
  name: string;
}

export type SignInOutcome = { ok: true; session: SignedIn } | { ok: false; message: string };

/**
 * The API decides; the portal only relays. Its message is shown as is (it never reveals whether the user exists).
 * The identity work adds an MFA challenge here: a third outcome that the sign-in form turns into a code step.
 */
export async function signInWithApi(
  credentials: { username: string; password: string; tenant: string | null },
  forwardedFor: string | null,
): Promise<SignInOutcome> {
  if (!credentials.username || !credentials.password)
    return { ok: false, message: "Enter your username and password." };
  try {
    const data = await execute(SignInDocument, { input: credentials }, { forwardedFor });
    const { viewer } = data.signIn;
    return {
      ok: true,
      session: {
        userId: viewer.id,
        name: viewer.displayName ?? viewer.username,
        accessToken: data.signIn.accessToken,
        refreshToken: data.signIn.refreshToken,
        accessTokenExpiresAt: Date.parse(data.signIn.accessTokenExpiresAt),
        tenantSlug: viewer.tenantSlug,
      },
    };
  } catch (error) {
    if (error instanceof ApiError && error.code !== "INTERNAL_SERVER_ERROR")
      return { ok: false, message: error.message };
    return { ok: false, message: "Sign-in failed. Try again in a moment." };
  }
}
