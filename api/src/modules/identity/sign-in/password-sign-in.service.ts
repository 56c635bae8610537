import type { IdentityProvider, User } from "@atrium/schema";
import { signInCtx } from "../../../context/build-ctx.js";
import type { Ctx } from "../../../context/ctx.js";
import { AppError } from "../../../errors/app-error.js";
import { verifyPassword } from "../../../security/passwords.js";
import { recordLoginEvent } from "../../audit/login-events.service.js";
import { resolveSignInTenant, settingsFor } from "../identity-settings.service.js";
import { provisionInTransaction } from "../jit-provisioning.service.js";
import { clearUserFailures, lockedKey, registerFailure, throttleKeys } from "../login-throttle.service.js";
import { ldapConfigOf } from "../provider-runtime.js";
import { authenticateLdap } from "../providers/ldap.authenticator.js";
import { firstRdnValue } from "../providers/ldap.util.js";
import { finishPrimaryAuthentication } from "./primary-authentication.service.js";
import { failSignIn, invalidCredentials, type SignInOutcome } from "./sign-in-finish.service.js";

export interface PasswordSignInInput {
  username: string;
  password: string;
  tenant?: string | null;
}

type FirstFactor =
  | { ok: true; user: User; provider: IdentityProvider | null }
  | {
      ok: false;
      reason: string;
      provider: IdentityProvider | null;
      userId?: string;
      /** The directory accepted the password but wants it changed first (AD 532/773): the user is told so. */
      passwordChangeRequired?: boolean;
      /** The directory accepted the password but its link rule found no single account: the user is told so. */
      conflict?: boolean;
    };

// Said only after the directory proved the password right, so it reveals nothing to a guesser.
const passwordChangeRequired = (reason: "PASSWORD_EXPIRED" | "PASSWORD_MUST_CHANGE") =>
  new AppError(
    "UNAUTHENTICATED",
    "Your password has expired or must be changed. Change it in Windows (Ctrl+Alt+Del, Change a password), then sign in again",
    { reason },
  );

// Said only after the directory proved the password right: only an administrator can link the account.
const accountConflict = () =>
  new AppError(
    "CONFLICT",
    "Your sign-in cannot be matched to one account of this organisation. Ask your administrator to link your account",
    { reason: "IDENTITY_CONFLICT" },
  );

// Same message whatever the key: a lock on a name that does not exist looks exactly like one that does.
const throttled = () =>
  new AppError("RATE_LIMITED", "Too many failed sign-in attempts; try again later", { reason: "LOGIN_THROTTLED" });

async function ldapProviders(ctx: Ctx) {
  return ctx.db.identityProviders.find({
    where: { kind: "ldap", enabled: true },
    order: { priority: "ASC", name: "ASC" },
  });
}

/** Directories in priority order; a directory that does not know the name (or is down) hands over to the next. */
async function viaDirectories(ctx: Ctx, username: string, password: string): Promise<FirstFactor> {
  let last: FirstFactor = { ok: false, reason: "user_not_found", provider: null };
  for (const provider of await ldapProviders(ctx)) {
    const result = await authenticateLdap(ldapConfigOf(ctx.services, provider), username, password);
    if (!result.ok) {
      const passwordChangeRequired = result.reason === "password_expired" || result.reason === "password_must_change";
      last = { ok: false, reason: `${result.reason}: ${result.detail}`, provider, passwordChangeRequired };
      if (result.reason === "user_not_found" || result.reason === "server_unreachable") continue;
      return last;
    }
    const groups = result.user.groupDns.map((dn) => ({ name: firstRdnValue(dn) ?? dn, externalId: dn }));
    const provisioned = await provisionInTransaction(ctx, provider, {
      username: result.user.username,
      subject: result.user.subject,
      legacyId: result.user.dn,
      email: result.user.email,
      displayName: result.user.displayName,
      groups,
    });
    if (!provisioned.ok) return { ok: false, reason: provisioned.reason, provider, conflict: provisioned.conflict };
    return { ok: true, user: provisioned.user, provider };
  }
  return last;
}

/** `ctx` is the sign-in's: its door is the tenant the sign-in is for. */
async function firstFactor(ctx: Ctx, input: PasswordSignInInput): Promise<FirstFactor> {
  // Only a local account is found by name here. A provisioned account signs in through its directories, which find
  // it by the directory's immutable id: a namesake in another directory is another account.
  const local = await ctx.db.users.findOne({ username: input.username, source: "local" });
  if (local) {
    const passwordOk = await verifyPassword(local.passwordHash, input.password);
    if (!passwordOk) return { ok: false, reason: "invalid_credentials", provider: null, userId: local.id };
    if (local.disabled) return { ok: false, reason: "account_disabled", provider: null, userId: local.id };
    return { ok: true, user: local, provider: null };
  }
  const directories = await viaDirectories(ctx, input.username, input.password);
  // No directory knew the name: spend the same hashing time as a wrong local password (no timing oracle).
  if (!directories.ok && directories.provider === null) await verifyPassword(null, input.password);
  return directories;
}

/**
 * Username + password against the tenant's local store and directories, with throttling and lockout; ends in
 * tokens or in a pending-MFA challenge. The tenant comes from the slug, else from the login host name.
 */
export async function passwordSignIn(
  request: Ctx,
  input: PasswordSignInInput,
  hostname?: string,
): Promise<SignInOutcome> {
  const choice = await resolveSignInTenant(request, input.tenant, hostname);
  const tenantId = choice.found ? choice.tenantId : null;
  const ctx = signInCtx(request, tenantId);
  const settings = await settingsFor(ctx, tenantId);
  const keys = throttleKeys(tenantId, input.username, ctx.clientIp);
  const locked = await lockedKey(ctx, keys, input.username);
  if (locked) {
    // Logged under the account's own source: a locked directory user is an LDAP lockout, not a local one.
    const known = choice.found ? await ctx.db.users.findOne({ username: input.username }) : null;
    await recordLoginEvent(ctx, {
      tenantId,
      userId: known?.id ?? null,
      username: input.username,
      providerKind: known?.source ?? "local",
      outcome: "locked",
      reason: `${locked}_locked`,
    });
    throw throttled();
  }
  const result: FirstFactor = choice.found
    ? await firstFactor(ctx, input)
    : { ok: false, reason: `unknown_tenant: ${input.tenant ?? ""}`, provider: null };
  if (!result.ok) {
    // A password the directory accepted is no guess: it does not count towards the lockout.
    if (!result.passwordChangeRequired && !result.conflict) await registerFailure(ctx, keys, settings);
    await failSignIn(ctx, {
      tenantId,
      userId: result.userId,
      username: input.username,
      provider: result.provider,
      reason: result.reason,
    });
    if (result.passwordChangeRequired)
      throw passwordChangeRequired(
        result.reason.startsWith("password_must_change") ? "PASSWORD_MUST_CHANGE" : "PASSWORD_EXPIRED",
      );
    if (result.conflict) throw accountConflict();
    throw invalidCredentials();
  }
  await clearUserFailures(ctx, keys);
  return finishPrimaryAuthentication(ctx, { user: result.user, provider: result.provider, password: input.password });
}
