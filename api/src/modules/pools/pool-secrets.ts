import type { Pool, PoolDesktopLogin, PoolDomainJoin } from "@atrium/schema";
import type { Ctx } from "../../context/ctx.js";
import { badInput } from "../../errors/app-error.js";
import type { PoolDesktopLoginInput, PoolDomainJoinInput } from "./pool-inputs.types.js";

/** Seals the join password; an update that leaves the password out keeps the stored one. */
export function sealDomainJoin(
  ctx: Ctx,
  input: PoolDomainJoinInput | null | undefined,
  current: PoolDomainJoin | null,
): PoolDomainJoin | null {
  if (!input) return null;
  const passwordEnc = input.password ? ctx.services.secretBox.seal(input.password) : current?.passwordEnc;
  if (!passwordEnc) throw badInput("domainJoin.password is required", "domainJoin.password");
  return { domain: input.domain, ou: input.ou ?? null, username: input.username, passwordEnc };
}

/**
 * Seals the gateway's desktop sign-in. Left-out secrets keep the stored ones (when the username stays the same: a
 * new account never inherits the old account's password); at least one of password and private key must remain.
 */
export function sealDesktopLogin(
  ctx: Ctx,
  input: PoolDesktopLoginInput | null | undefined,
  current: PoolDesktopLogin | null,
): PoolDesktopLogin | null {
  if (!input) return null;
  const kept = current?.username === input.username ? current : null;
  const seal = (value: string | null | undefined, stored: string | null | undefined) =>
    value ? ctx.services.secretBox.seal(value) : (stored ?? null);
  const login = {
    username: input.username,
    passwordEnc: seal(input.password, kept?.passwordEnc),
    privateKeyEnc: seal(input.privateKey, kept?.privateKeyEnc),
  };
  if (!login.passwordEnc && !login.privateKeyEnc) {
    throw badInput("Give the desktop account's password or private key", "desktopLogin.password");
  }
  return login;
}

/** Audit rows redact secrets by top-level key only; the pool's secrets are nested, so they are blanked here. */
export function auditView(pool: Pool): object {
  const redacted = (value: string | null) => (value ? "[redacted]" : null);
  return {
    ...pool,
    domainJoin: pool.domainJoin ? { ...pool.domainJoin, passwordEnc: "[redacted]" } : null,
    desktopLogin: pool.desktopLogin
      ? {
          username: pool.desktopLogin.username,
          passwordEnc: redacted(pool.desktopLogin.passwordEnc),
          privateKeyEnc: redacted(pool.desktopLogin.privateKeyEnc),
        }
      : null,
  };
}
