"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { EnrolTotpForChallengeDocument, MfaMethod, RecoverTotpForChallengeDocument } from "@/generated/graphql";
import { type ClientProof, clientProofOf } from "@/lib/api/client-proof";
import { ApiError } from "@/lib/api/graphql-errors";
import { execute } from "@/lib/api/graphql-fetch";
import {
  completeMfaWithApi,
  type MfaChallenge,
  redeemTicketWithApi,
  type SignInOutcome,
  signInWithApi,
} from "@/lib/auth/api-sign-in";
import { startPortalSession } from "@/lib/auth/portal-session";
import type { MfaStep, SignInState } from "@/lib/auth/sign-in-state";
import { enumValue } from "@/lib/enums";
import { formValues, text } from "@/lib/form-state";
import { safeCallbackPath } from "@/lib/routes";

async function client(): Promise<ClientProof> {
  return clientProofOf(await headers());
}

/** Host name without port: the API picks the tenant by it when no slug is given. */
async function loginHost(): Promise<string | null> {
  return (await headers()).get("host")?.replace(/:\d+$/, "") ?? null;
}

async function mfaStep(challenge: MfaChallenge): Promise<MfaStep> {
  if (!challenge.methods.includes(MfaMethod.TOTP_ENROLMENT)) return { ...challenge, enrolment: null };
  const data = await execute(
    EnrolTotpForChallengeDocument,
    { challengeToken: challenge.challengeToken },
    { client: await client() },
  );
  return { ...challenge, enrolment: data.enrolTotpForChallenge };
}

/** Session → cookie and on to the page the user wanted; a challenge → the code step; a refusal → its message. */
async function settle(outcome: SignInOutcome, formData: FormData, current: MfaStep | null): Promise<SignInState> {
  const values = formValues(formData);
  if (outcome.ok === true) {
    await startPortalSession(outcome.session);
    const next = safeCallbackPath(text(formData, "callbackUrl"));
    // The codes of a newly set-up app exist only in this answer: the user sees them before going on.
    if (outcome.recoveryCodes?.length)
      return { error: null, values, mfa: null, recoveryCodes: { codes: outcome.recoveryCodes, next } };
    redirect(next);
  }
  if (outcome.ok === "mfa") {
    // A RADIUS server may ask again (a second prompt) with the same token: keep the enrolment shown, if any.
    const same = current?.challengeToken === outcome.challenge.challengeToken;
    return {
      error: null,
      values,
      mfa: same && current ? { ...current, ...outcome.challenge } : await mfaStep(outcome.challenge),
    };
  }
  return { error: outcome.message, values, mfa: current };
}

export async function signInAction(_state: SignInState, formData: FormData): Promise<SignInState> {
  const outcome = await signInWithApi(
    {
      username: text(formData, "username"),
      password: typeof formData.get("password") === "string" ? String(formData.get("password")) : "",
      tenant: text(formData, "tenant").toLowerCase() || null,
      loginHost: await loginHost(),
    },
    await client(),
  );
  return settle(outcome, formData, null);
}

/**
 * A lost phone: the recovery code turns the challenge into the enrolment of a new app, whose code then completes
 * the sign-in (and the lost app stops working).
 */
async function recoverWithNewApp(state: SignInState, formData: FormData): Promise<SignInState> {
  const values = formValues(formData);
  const challengeToken = text(formData, "challengeToken");
  const recoveryCode = text(formData, "code").replace(/\s+/g, "");
  if (!state.mfa || !recoveryCode) return { error: "Enter one of your recovery codes.", values, mfa: state.mfa };
  try {
    const data = await execute(
      RecoverTotpForChallengeDocument,
      { input: { challengeToken, recoveryCode } },
      { client: await client() },
    );
    const mfa: MfaStep = {
      ...state.mfa,
      methods: [MfaMethod.TOTP_ENROLMENT],
      message: "Set up your new authenticator app to continue",
      enrolment: data.recoverTotpForChallenge,
    };
    return { error: null, values, mfa };
  } catch (error) {
    const message = error instanceof ApiError ? error.message : "Sign-in failed. Try again in a moment.";
    return { error: message, values, mfa: state.mfa };
  }
}

export async function completeMfaAction(state: SignInState, formData: FormData): Promise<SignInState> {
  if (text(formData, "intent") === "new-app") return recoverWithNewApp(state, formData);
  const outcome = await completeMfaWithApi(
    {
      challengeToken: text(formData, "challengeToken"),
      code: text(formData, "code").replace(/\s+/g, ""),
      method: enumValue(MfaMethod, text(formData, "method")) ?? null,
    },
    await client(),
  );
  return settle(outcome, formData, state.mfa);
}

/** The SSO landing page hands over the one-time ticket from its URL fragment. */
export async function redeemTicketAction(_state: SignInState, formData: FormData): Promise<SignInState> {
  const ticket = text(formData, "ticket");
  if (!ticket) return { error: "The single sign-on answer carried no ticket.", values: {}, mfa: null };
  return settle(await redeemTicketWithApi(ticket, await client()), formData, null);
}
