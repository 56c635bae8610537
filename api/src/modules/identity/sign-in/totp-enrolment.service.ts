import { Tenant, type User, type UserMfa } from "@atrium/schema";
import { signInCtx } from "../../../context/build-ctx.js";
import type { Ctx } from "../../../context/ctx.js";
import { consumeRecoveryCode, generateRecoveryCodes, hashRecoveryCodes } from "../providers/recovery-codes.js";
import { createTotpEnrolment, type TotpEnrolment, verifyTotp } from "../providers/totp.js";

/** Second factors live beside their user: in the user's tenant (MSP staff: the MSP's rows), whatever ctx acts in. */
const factorsOf = (ctx: Ctx, owner: { tenantId: string | null }) => signInCtx(ctx, owner.tenantId).db.userMfa;

export async function mfaOf(ctx: Ctx, user: User): Promise<UserMfa | null> {
  return factorsOf(ctx, user).findOne({ userId: user.id });
}

export function hasTotp(mfa: UserMfa | null): boolean {
  return Boolean(mfa?.totpSecretEnc);
}

/** Starts (or restarts) an enrolment: the secret stays pending until a code from the app confirms it. */
export async function startTotpEnrolment(ctx: Ctx, user: User): Promise<TotpEnrolment> {
  const tenant = user.tenantId ? await ctx.manager.getRepository(Tenant).findOneBy({ id: user.tenantId }) : null;
  const enrolment = await createTotpEnrolment({
    issuer: tenant ? `Atrium ${tenant.slug}` : "Atrium",
    accountName: user.username,
  });
  const factors = factorsOf(ctx, user);
  const current = await mfaOf(ctx, user);
  const pendingSecretEnc = ctx.services.secretBox.seal(enrolment.secret);
  if (current) await factors.save(Object.assign(current, { pendingSecretEnc }));
  else {
    await factors.insert({
      userId: user.id,
      totpSecretEnc: null,
      pendingSecretEnc,
      totpEnabledAt: null,
      lastUsedStep: null,
      recoveryCodeHashes: [],
    });
  }
  return enrolment;
}

/**
 * Confirms the pending secret with a code from the app; on success the secret becomes the user's factor and a
 * fresh set of recovery codes is returned (the only time they are ever shown).
 */
export async function confirmTotpEnrolment(ctx: Ctx, user: User, code: string): Promise<string[] | null> {
  const mfa = await mfaOf(ctx, user);
  if (!mfa?.pendingSecretEnc) return null;
  const secret = ctx.services.secretBox.open(mfa.pendingSecretEnc);
  const check = await verifyTotp({ secret, code, clock: ctx.services.clock });
  if (!check.ok) return null;
  const codes = generateRecoveryCodes();
  mfa.totpSecretEnc = mfa.pendingSecretEnc;
  mfa.pendingSecretEnc = null;
  mfa.totpEnabledAt = ctx.services.clock();
  mfa.lastUsedStep = check.timeStep;
  mfa.recoveryCodeHashes = await hashRecoveryCodes(codes);
  await factorsOf(ctx, mfa).save(mfa);
  return codes;
}

export type FactorCheck = { ok: true } | { ok: false; reason: string };

/** Verifies a TOTP code and records its step; a concurrent use of the same code loses the conditional update. */
export async function verifyUserTotp(ctx: Ctx, mfa: UserMfa, code: string): Promise<FactorCheck> {
  if (!mfa.totpSecretEnc) return { ok: false, reason: "totp_not_enrolled" };
  const check = await verifyTotp({
    secret: ctx.services.secretBox.open(mfa.totpSecretEnc),
    code,
    lastUsedStep: mfa.lastUsedStep ?? undefined,
    clock: ctx.services.clock,
  });
  if (!check.ok) return { ok: false, reason: `totp_${check.reason}` };
  const updated = await factorsOf(ctx, mfa).updateWhere(
    "id = :id AND (last_used_step IS NULL OR last_used_step < :step)",
    { lastUsedStep: check.timeStep },
    { id: mfa.id, step: check.timeStep },
  );
  return updated === 1 ? { ok: true } : { ok: false, reason: "totp_replayed" };
}

export async function useRecoveryCode(ctx: Ctx, mfa: UserMfa, code: string): Promise<FactorCheck> {
  const use = await consumeRecoveryCode(mfa.recoveryCodeHashes, code);
  if (!use.ok) return { ok: false, reason: "recovery_code_invalid" };
  mfa.recoveryCodeHashes = use.remainingHashes;
  await factorsOf(ctx, mfa).save(mfa);
  return { ok: true };
}
