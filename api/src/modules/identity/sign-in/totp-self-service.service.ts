import type { User, UserMfa } from "@atrium/schema";
import { signInCtx } from "../../../context/build-ctx.js";
import { type Ctx, withTransaction } from "../../../context/ctx.js";
import { AppError, badInput, conflict } from "../../../errors/app-error.js";
import { recordAudit } from "../../../tenancy/audit.js";
import { settingsFor } from "../identity-settings.service.js";
import { registerFailure, throttleKeys } from "../login-throttle.service.js";
import { generateRecoveryCodes, hashRecoveryCodes } from "../providers/recovery-codes.js";
import {
  confirmTotpEnrolment,
  type FactorCheck,
  hasTotp,
  mfaOf,
  useRecoveryCode,
  verifyUserTotp,
} from "./totp-enrolment.service.js";

/*
 * What a signed-in user does with their own authenticator app: replace it, turn it off, get new recovery codes.
 * Each change asks for a code from the current app or a recovery code, so a session left open on a shared computer
 * is not enough to take the second factor away; a wrong answer counts towards the account's sign-in lockout, so it
 * cannot be guessed either.
 */

const factorsOf = (ctx: Ctx, user: User) => signInCtx(ctx, user.tenantId).db.userMfa;

/** A second factor is the tenant's rule (or the account's, for new MSP staff): it may be replaced, not removed. */
export async function mfaRequiredFor(ctx: Ctx, user: User): Promise<boolean> {
  return user.mfaRequired || (await settingsFor(ctx, user.tenantId)).mfaRequired;
}

/** Six digits are a code from the app; anything else is taken as a recovery code (which it then uses up). */
function checkProof(ctx: Ctx, mfa: UserMfa, proof: string): Promise<FactorCheck> {
  return /^\s*\d{6}\s*$/.test(proof) ? verifyUserTotp(ctx, mfa, proof.trim()) : useRecoveryCode(ctx, mfa, proof);
}

const wrongProof = () =>
  badInput("That is neither the current code from your app nor an unused recovery code", "proof");

/**
 * Runs `change` in one transaction after the proof checks out. A wrong proof leaves nothing changed and registers a
 * failure after the transaction, which it would otherwise roll back with the refusal.
 */
async function withProof<T>(
  ctx: Ctx,
  user: User,
  proof: string,
  change: (tx: Ctx, mfa: UserMfa) => Promise<T>,
): Promise<T> {
  const outcome = await withTransaction(ctx, async (tx) => {
    const mfa = await mfaOf(tx, user);
    if (!mfa || !hasTotp(mfa)) throw conflict("No authenticator app is set up for your account");
    const check = await checkProof(tx, mfa, proof);
    return check.ok ? { ok: true as const, value: await change(tx, mfa) } : { ok: false as const };
  });
  if (outcome.ok) return outcome.value;
  await registerFailure(
    ctx,
    throttleKeys(user.tenantId, user.username, ctx.clientIp),
    await settingsFor(ctx, user.tenantId),
  );
  throw wrongProof();
}

/** Turns the authenticator app off: its secret and recovery codes are deleted. Refused where MFA is required. */
export async function disableTotp(ctx: Ctx, user: User, proof: string): Promise<void> {
  if (await mfaRequiredFor(ctx, user)) {
    throw new AppError(
      "FORBIDDEN",
      "Your organisation requires two-step verification: set up a new authenticator app instead of turning it off",
      { reason: "MFA_REQUIRED" },
    );
  }
  await withProof(ctx, user, proof, async (tx, mfa) => {
    await factorsOf(tx, user).delete({ id: mfa.id });
    await recordAudit(tx, {
      action: "disableTotp",
      targetType: "User",
      targetId: user.id,
      before: { username: user.username, totpEnrolled: true, recoveryCodes: mfa.recoveryCodeHashes.length },
      after: { username: user.username, totpEnrolled: false, recoveryCodes: 0 },
    });
  });
}

/** A new set of recovery codes, shown once; every earlier code stops working. */
export async function regenerateRecoveryCodes(ctx: Ctx, user: User, proof: string): Promise<string[]> {
  return withProof(ctx, user, proof, async (tx, mfa) => {
    const codes = generateRecoveryCodes();
    const before = mfa.recoveryCodeHashes.length;
    mfa.recoveryCodeHashes = await hashRecoveryCodes(codes);
    await factorsOf(tx, user).save(mfa);
    await recordAudit(tx, {
      action: "regenerateRecoveryCodes",
      targetType: "User",
      targetId: user.id,
      before: { username: user.username, recoveryCodes: before },
      after: { username: user.username, recoveryCodes: codes.length },
    });
    return codes;
  });
}

const invalidNewCode = () =>
  badInput("The code from the new app is not valid; start again if it keeps failing", "code");

/**
 * Confirms the pending secret with a code from the new app. Replacing an app that is already on also takes a code
 * from the current app or a recovery code (`proof`); until then the current app keeps working.
 */
export async function confirmOwnTotp(ctx: Ctx, user: User, code: string, proof: string | null): Promise<string[]> {
  const current = await mfaOf(ctx, user);
  if (!current?.pendingSecretEnc) throw invalidNewCode();
  if (!hasTotp(current)) {
    return withTransaction(ctx, async (tx) => {
      const codes = await confirmTotpEnrolment(tx, user, code);
      if (!codes) throw invalidNewCode();
      await recordAudit(tx, { action: "confirmTotpEnrolment", targetType: "User", targetId: user.id });
      return codes;
    });
  }
  if (!proof) throw badInput("Enter a code from your current app, or a recovery code, to replace it", "proof");
  // A wrong new code throws inside the transaction, so a recovery code given as proof is not used up by it.
  return withProof(ctx, user, proof, async (tx) => {
    const fresh = await confirmTotpEnrolment(tx, user, code);
    if (!fresh) throw invalidNewCode();
    await recordAudit(tx, {
      action: "replaceTotp",
      targetType: "User",
      targetId: user.id,
      after: { username: user.username, totpEnrolled: true, recoveryCodes: fresh.length },
    });
    return fresh;
  });
}
