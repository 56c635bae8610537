import type { AuthFlowState, IdentityProvider, MfaMethod, User } from "@atrium/schema";
import { signInCtx } from "../../../context/build-ctx.js";
import type { Ctx } from "../../../context/ctx.js";
import { AppError } from "../../../errors/app-error.js";
import { recordAudit } from "../../../tenancy/audit.js";
import { recordLoginEvent } from "../../audit/login-events.service.js";
import { consumeFlowState, createFlowState, findFlowState, updateFlowState } from "../flow-state.store.js";
import { settingsFor } from "../identity-settings.service.js";
import { registerFailure, throttleKeys } from "../login-throttle.service.js";
import { radiusConfigOf } from "../provider-runtime.js";
import { RadiusTimeoutError, radiusAuthenticate } from "../providers/radius.client.js";
import type { TotpEnrolment } from "../providers/totp.js";
import type { CompleteMfaInput } from "./sign-in.types.js";
import {
  completeSignIn,
  failSignIn,
  invalidCredentials,
  type PrimaryAuthentication,
  providerKindOf,
  type SignInOutcome,
} from "./sign-in-finish.service.js";
import {
  confirmTotpEnrolment,
  type FactorCheck,
  hasTotp,
  mfaOf,
  startTotpEnrolment,
  useRecoveryCode,
  verifyUserTotp,
} from "./totp-enrolment.service.js";

const CHALLENGE_TTL_SECONDS = 300;
const MAX_ATTEMPTS = 5;

interface ChallengeData {
  methods: MfaMethod[];
  message: string;
  primaryProviderId: string | null;
  radiusProviderId: string | null;
  /** Sealed RADIUS State of an outstanding Access-Challenge. */
  radiusStateEnc: string | null;
}

const expired = () =>
  new AppError("UNAUTHENTICATED", "This sign-in has expired; sign in again", { reason: "MFA_EXPIRED" });
const wrongCode = () => new AppError("UNAUTHENTICATED", "The code is not valid", { reason: "MFA_INVALID" });

async function radiusProviderFor(ctx: Ctx, tenantId: string | null, id: string | null) {
  if (!id) return null;
  return signInCtx(ctx, tenantId).db.identityProviders.findOne({ id, kind: "radius", enabled: true });
}

async function saveChallenge(ctx: Ctx, auth: PrimaryAuthentication, data: ChallengeData): Promise<SignInOutcome> {
  const token = await createFlowState(ctx, {
    kind: "mfa_challenge",
    tenantId: auth.user.tenantId,
    userId: auth.user.id,
    providerId: auth.provider?.id ?? null,
    data: { ...data },
    ttlSeconds: CHALLENGE_TTL_SECONDS,
  });
  await recordLoginEvent(ctx, {
    tenantId: auth.user.tenantId,
    userId: auth.user.id,
    username: auth.user.username,
    providerId: auth.provider?.id ?? null,
    providerKind: providerKindOf(auth.provider),
    outcome: "mfa_required",
    reason: data.methods.join(","),
  });
  const expiresAt = new Date(ctx.services.clock().getTime() + CHALLENGE_TTL_SECONDS * 1000);
  return { kind: "mfa", challenge: { challengeToken: token, methods: data.methods, message: data.message, expiresAt } };
}

/**
 * The pending-MFA step after a successful first factor. With a RADIUS second factor and the typed password at
 * hand, the first RADIUS round runs now: an Accept (e.g. a push approved) completes the sign-in, a Challenge
 * becomes the prompt, a Reject fails.
 */
export async function createMfaChallenge(ctx: Ctx, auth: PrimaryAuthentication): Promise<SignInOutcome> {
  const settings = await settingsFor(ctx, auth.user.tenantId);
  const mfa = await mfaOf(ctx, auth.user);
  const radius = await radiusProviderFor(ctx, auth.user.tenantId, settings.mfaRadiusProviderId);
  const methods: MfaMethod[] = [];
  if (hasTotp(mfa)) methods.push("totp");
  if (mfa?.recoveryCodeHashes.length) methods.push("recovery_code");
  const data: ChallengeData = {
    methods,
    message: "Enter the code from your authenticator app",
    primaryProviderId: auth.provider?.id ?? null,
    radiusProviderId: radius?.id ?? null,
    radiusStateEnc: null,
  };
  if (radius) {
    if (auth.password !== undefined) {
      const round = await radiusRound(ctx, radius, auth.user.username, auth.password, undefined);
      if (round.kind === "accept") {
        return { kind: "session", payload: await completeSignIn(ctx, auth.user, auth.provider, "radius") };
      }
      if (round.kind === "challenge") {
        data.radiusStateEnc = ctx.services.secretBox.seal(round.state);
        data.message = round.message || "Enter your one-time code";
        methods.unshift("radius");
      } else if (methods.length === 0) {
        await failSignIn(ctx, {
          tenantId: auth.user.tenantId,
          userId: auth.user.id,
          username: auth.user.username,
          provider: auth.provider,
          mfa: "radius",
          reason: `radius_${round.kind}`,
        });
        throw invalidCredentials();
      }
    } else {
      methods.unshift("radius");
      data.message = "Enter your one-time code, or 'push' to approve on your phone";
    }
  }
  if (methods.length === 0) {
    methods.push("totp_enrolment");
    data.message = "Set up an authenticator app to continue";
  }
  return saveChallenge(ctx, auth, data);
}

type RadiusRound =
  | { kind: "accept" }
  | { kind: "reject" | "timeout" }
  | { kind: "challenge"; state: string; message: string };

async function radiusRound(
  ctx: Ctx,
  provider: IdentityProvider,
  username: string,
  password: string,
  state: string | undefined,
): Promise<RadiusRound> {
  try {
    const outcome = await radiusAuthenticate(radiusConfigOf(ctx.services, provider), { username, password, state });
    if (outcome.kind === "challenge") return { kind: "challenge", state: outcome.state, message: outcome.message };
    return { kind: outcome.kind };
  } catch (error) {
    if (error instanceof RadiusTimeoutError) return { kind: "timeout" };
    throw error;
  }
}

function inferMethod(data: ChallengeData, code: string): MfaMethod {
  if (data.methods.includes("totp_enrolment")) return "totp_enrolment";
  if (data.radiusStateEnc || (data.methods[0] === "radius" && !data.methods.includes("totp"))) return "radius";
  if (/^\s*\d{6}\s*$/.test(code) && data.methods.includes("totp")) return "totp";
  if (data.methods.includes("recovery_code")) return "recovery_code";
  return data.methods[0] ?? "totp";
}

async function loadChallenge(ctx: Ctx, token: string) {
  const row = await findFlowState(ctx, "mfa_challenge", token);
  // The challenge was stored in the user's tenant: the rest of the sign-in acts there.
  const signIn = signInCtx(ctx, row?.tenantId ?? null);
  const user = row?.userId ? await signIn.db.users.findOne({ id: row.userId }) : null;
  if (!row || !user) throw expired();
  const provider = row.providerId ? await signIn.db.identityProviders.findOne({ id: row.providerId }) : null;
  return { signIn, row, user, provider, data: row.data as unknown as ChallengeData };
}

/** For a challenge that offers totp_enrolment: the enrolment the user scans before answering with a code. */
export async function enrolTotpForChallenge(ctx: Ctx, token: string): Promise<TotpEnrolment> {
  const { signIn, user, data } = await loadChallenge(ctx, token);
  if (!data.methods.includes("totp_enrolment"))
    throw new AppError("BAD_USER_INPUT", "This challenge does not offer enrolment");
  return startTotpEnrolment(signIn, user);
}

async function checkFactor(
  ctx: Ctx,
  row: AuthFlowState,
  user: User,
  data: ChallengeData,
  method: MfaMethod,
  code: string,
): Promise<FactorCheck | { ok: true; recoveryCodes: string[] } | { ok: "challenge"; message: string }> {
  if (!data.methods.includes(method)) return { ok: false, reason: `method_not_offered: ${method}` };
  if (method === "radius") {
    const provider = await radiusProviderFor(ctx, user.tenantId, data.radiusProviderId);
    if (!provider) return { ok: false, reason: "radius_provider_gone" };
    const state = data.radiusStateEnc ? ctx.services.secretBox.open(data.radiusStateEnc) : undefined;
    const round = await radiusRound(ctx, provider, user.username, code.trim(), state);
    if (round.kind === "accept") return { ok: true };
    if (round.kind === "challenge") {
      await updateFlowState(ctx, row, {
        data: { ...data, radiusStateEnc: ctx.services.secretBox.seal(round.state), message: round.message },
      });
      return { ok: "challenge", message: round.message };
    }
    return { ok: false, reason: `radius_${round.kind}` };
  }
  const mfa = await mfaOf(ctx, user);
  if (method === "totp_enrolment") {
    const recoveryCodes = await confirmTotpEnrolment(ctx, user, code);
    return recoveryCodes ? { ok: true, recoveryCodes } : { ok: false, reason: "totp_enrolment_invalid" };
  }
  if (!mfa) return { ok: false, reason: "not_enrolled" };
  return method === "totp" ? verifyUserTotp(ctx, mfa, code) : useRecoveryCode(ctx, mfa, code);
}

type LoadedChallenge = Pick<Awaited<ReturnType<typeof loadChallenge>>, "row" | "user" | "provider">;

/** A wrong answer counts towards the user's lockout and ends the challenge after five; returns the error to throw. */
async function rejectAnswer(ctx: Ctx, challenge: LoadedChallenge, method: MfaMethod, reason: string) {
  const { row, user, provider } = challenge;
  const attempts = row.attempts + 1;
  await updateFlowState(ctx, row, { attempts });
  if (attempts >= MAX_ATTEMPTS) await consumeFlowState(ctx, row);
  await registerFailure(
    ctx,
    throttleKeys(user.tenantId, user.username, ctx.clientIp),
    await settingsFor(ctx, user.tenantId),
  );
  await failSignIn(ctx, {
    tenantId: user.tenantId,
    userId: user.id,
    username: user.username,
    provider,
    providerKind: providerKindOf(provider),
    mfa: method,
    reason,
  });
  return attempts >= MAX_ATTEMPTS ? expired() : wrongCode();
}

/**
 * A lost phone: a recovery code answers the challenge's question "is it you?" and turns it into an enrolment of a
 * new app, so the user signs in with a code from the new app and the lost one stops working.
 */
export async function recoverTotpForChallenge(
  request: Ctx,
  token: string,
  recoveryCode: string,
): Promise<TotpEnrolment> {
  const { signIn: ctx, row, user, provider, data } = await loadChallenge(request, token);
  if (!data.methods.includes("recovery_code"))
    throw new AppError("BAD_USER_INPUT", "This challenge does not take a recovery code");
  const mfa = await mfaOf(ctx, user);
  const check = mfa ? await useRecoveryCode(ctx, mfa, recoveryCode) : { ok: false as const, reason: "not_enrolled" };
  if (!check.ok) throw await rejectAnswer(ctx, { row, user, provider }, "recovery_code", check.reason);
  await recordAudit(ctx, {
    action: "recoverTotpWithRecoveryCode",
    tenantId: user.tenantId,
    actor: { type: "user", id: user.id, name: user.username },
    targetType: "User",
    targetId: user.id,
    after: { username: user.username, recoveryCodesLeft: mfa?.recoveryCodeHashes.length ?? 0 },
  });
  await updateFlowState(ctx, row, {
    data: { ...data, methods: ["totp_enrolment"], message: "Set up your new authenticator app to continue" },
  });
  return startTotpEnrolment(ctx, user);
}

/** Answers a pending challenge. Wrong answers count towards the user's lockout and end the challenge after five. */
export async function completeMfa(request: Ctx, input: CompleteMfaInput): Promise<SignInOutcome> {
  const { signIn: ctx, row, user, provider, data } = await loadChallenge(request, input.challengeToken);
  const method = input.method ?? inferMethod(data, input.code);
  const result = await checkFactor(ctx, row, user, data, method, input.code);
  if (result.ok === "challenge") {
    const expiresAt = row.expiresAt;
    return {
      kind: "mfa",
      challenge: { challengeToken: input.challengeToken, methods: data.methods, message: result.message, expiresAt },
    };
  }
  if (!result.ok) throw await rejectAnswer(ctx, { row, user, provider }, method, result.reason);
  // Single use: a second redemption of the same challenge (a replayed request) finds it consumed.
  if (!(await consumeFlowState(ctx, row))) throw expired();
  const mfaLabel = method === "totp_enrolment" ? "totp" : method;
  const payload = await completeSignIn(ctx, user, provider, mfaLabel);
  // The enrolment replaced the user's recovery codes: this answer is the only place the new ones can be read.
  const recoveryCodes = "recoveryCodes" in result ? result.recoveryCodes : null;
  return { kind: "session", payload: { ...payload, recoveryCodes } };
}
