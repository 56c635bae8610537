import {
  CompleteMfaDocument,
  type MfaMethod,
  RedeemSignInTicketDocument,
  type SignInResultFieldsFragment,
  SignInWithPasswordDocument,
  type TypedDocumentString,
} from "@/generated/graphql";
import type { ClientProof } from "../api/client-proof";
import { ApiError } from "../api/graphql-errors";
import { execute } from "../api/graphql-fetch";
import type { ApiTokens } from "./session-token";

export interface SignedIn extends ApiTokens {
  userId: string;
  name: string;
}

/** The API's second-factor question: answer it with `completeMfaWithApi`. */
export interface MfaChallenge {
  challengeToken: string;
  methods: MfaMethod[];
  /** The API's (or the RADIUS server's) prompt, shown as is. */
  message: string;
}

export type SignInOutcome =
  /** recoveryCodes: those of an authenticator app this sign-in set up, to show once before going on. */
  | { ok: true; session: SignedIn; recoveryCodes: string[] | null }
  | { ok: "mfa"; challenge: MfaChallenge }
  | { ok: false; message: string };

function outcomeOf(result: SignInResultFieldsFragment): SignInOutcome {
  if ("challengeToken" in result) {
    return {
      ok: "mfa",
      challenge: { challengeToken: result.challengeToken, methods: result.methods, message: result.message },
    };
  }
  const { viewer } = result;
  return {
    ok: true,
    recoveryCodes: result.recoveryCodes ?? null,
    session: {
      userId: viewer.id,
      name: viewer.displayName ?? viewer.username,
      accessToken: result.accessToken,
      refreshToken: result.refreshToken,
      accessTokenExpiresAt: Date.parse(result.accessTokenExpiresAt),
      tenantSlug: viewer.tenantSlug,
    },
  };
}

/** The API decides; the portal only relays. Its message is shown as is (it never reveals whether the user exists). */
async function relay<TResult, TVariables>(
  document: TypedDocumentString<TResult, TVariables>,
  variables: TVariables,
  pick: (data: TResult) => SignInResultFieldsFragment,
  client: ClientProof,
): Promise<SignInOutcome> {
  try {
    return outcomeOf(pick(await execute(document, variables, { client })));
  } catch (error) {
    if (error instanceof ApiError && error.code !== "INTERNAL_SERVER_ERROR")
      return { ok: false, message: error.message };
    return { ok: false, message: "Sign-in failed. Try again in a moment." };
  }
}

export function signInWithApi(
  credentials: { username: string; password: string; tenant: string | null; loginHost?: string | null },
  client: ClientProof,
): Promise<SignInOutcome> {
  if (!credentials.username || !credentials.password)
    return Promise.resolve({ ok: false, message: "Enter your username and password." });
  return relay(SignInWithPasswordDocument, { input: credentials }, (data) => data.signInWithPassword, client);
}

export function completeMfaWithApi(
  answer: { challengeToken: string; code: string; method: MfaMethod | null },
  client: ClientProof,
): Promise<SignInOutcome> {
  if (!answer.code) return Promise.resolve({ ok: false, message: "Enter the code." });
  return relay(CompleteMfaDocument, { input: answer }, (data) => data.completeMfa, client);
}

/** After SAML/OIDC: the one-time ticket from the URL fragment becomes tokens (or an MFA challenge). */
export function redeemTicketWithApi(ticket: string, client: ClientProof): Promise<SignInOutcome> {
  return relay(RedeemSignInTicketDocument, { input: { ticket } }, (data) => data.redeemSignInTicket, client);
}
