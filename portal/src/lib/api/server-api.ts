import { cookies, headers } from "next/headers";
import { forbidden, notFound, redirect } from "next/navigation";
import { decode } from "next-auth/jwt";
import { cache } from "react";
import type { TypedDocumentString } from "@/generated/graphql";
import { sessionCookieName, sessionSecret } from "../auth/session-secret";
import { type ApiTokens, tokensOf } from "../auth/session-token";
import { signInPath } from "../routes";
import { type ClientProof, clientProofOf } from "./client-proof";
import { ApiError } from "./graphql-errors";
import { execute } from "./graphql-fetch";

/** The API tokens from this request's session cookie (the proxy has already refreshed them if needed). */
export const currentTokens = cache(async (): Promise<ApiTokens | null> => {
  const jar = await cookies();
  const raw = jar.get(sessionCookieName())?.value;
  if (!raw) return null;
  try {
    return tokensOf(await decode({ token: raw, secret: sessionSecret() }));
  } catch {
    return null;
  }
});

async function client(): Promise<ClientProof> {
  return clientProofOf(await headers());
}

function expiredRedirect(tokens: ApiTokens | null): never {
  redirect(`${signInPath(tokens?.tenantSlug ?? null)}?reason=expired`);
}

/**
 * For server components: the data, or the matching Next.js outcome — sign-in page when the session is gone,
 * 404 for ids the caller cannot see (including other tenants' ids), 403 page for missing permissions.
 */
export async function query<TResult, TVariables>(
  document: TypedDocumentString<TResult, TVariables>,
  variables: TVariables,
): Promise<TResult> {
  const tokens = await currentTokens();
  if (!tokens) expiredRedirect(null);
  try {
    return await execute(document, variables, { accessToken: tokens.accessToken, client: await client() });
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    if (error.code === "UNAUTHENTICATED") expiredRedirect(tokens);
    if (error.code === "NOT_FOUND") notFound();
    if (error.code === "FORBIDDEN") forbidden();
    if (error.code === "BAD_USER_INPUT") notFound();
    throw error;
  }
}

export type MutationOutcome<T> =
  | { ok: true; data: T }
  | { ok: false; code: string; message: string; fieldErrors: Record<string, string> };

/**
 * For server actions (and pages that explain a refusal themselves, e.g. desktops denied at this location): never
 * throws for API errors, so the caller can show the API's message.
 */
export async function mutate<TResult, TVariables>(
  document: TypedDocumentString<TResult, TVariables>,
  variables: TVariables,
): Promise<MutationOutcome<TResult>> {
  const tokens = await currentTokens();
  if (!tokens) expiredRedirect(null);
  try {
    const data = await execute(document, variables, {
      accessToken: tokens.accessToken,
      client: await client(),
    });
    return { ok: true, data };
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    if (error.code === "UNAUTHENTICATED") expiredRedirect(tokens);
    return { ok: false, code: error.code, message: error.message, fieldErrors: error.fieldErrors };
  }
}
