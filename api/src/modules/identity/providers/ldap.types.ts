import type { Client, ClientOptions } from "ldapts";

export interface LdapUser {
  dn: string;
  /** The directory's immutable id of the person (objectGUID, entryUUID or the configured idAttribute). */
  subject: string;
  /** The sign-in name as stored in the directory (value of the login attribute). */
  username: string;
  email?: string;
  displayName?: string;
  /** Direct and nested groups, each as its DN and as its CN (deduplicated, DNs first). */
  groups: string[];
  /** Direct and nested group DNs only. */
  groupDns: string[];
  /** Text attributes requested by the configuration (extraAttributes plus the standard ones). */
  attributes: Record<string, string[]>;
}

/**
 * Why a sign-in failed. Callers must show `user_not_found` and `invalid_credentials` (and `account_disabled`,
 * `account_locked`, `account_expired`, `logon_restricted`) with one message: telling them apart would let anyone
 * probe which accounts exist. `password_expired` and `password_must_change` come only after the password proved
 * right (AD sub-codes 532 and 773), so the user may be told to change it.
 */
export type LdapAuthFailureReason =
  | "invalid_credentials"
  | "user_not_found"
  | "account_disabled"
  | "account_locked"
  | "account_expired"
  | "logon_restricted"
  | "password_expired"
  | "password_must_change"
  | "server_unreachable"
  | "misconfigured";

export type LdapAuthResult =
  | { ok: true; user: LdapUser; url: string }
  | { ok: false; reason: LdapAuthFailureReason; detail: string };

export type LdapConnectionTestFailure = "unreachable" | "tls_failed" | "bind_failed" | "base_not_found";

export type LdapConnectionTestResult =
  | { ok: true; url: string; namingContexts: string[]; warnings: string[] }
  | { ok: false; reason: LdapConnectionTestFailure; url?: string; detail: string };

export interface LdapDeps {
  /** Seam for tests and for proxies/tunnels; defaults to `new Client(options)`. */
  createClient?: (options: ClientOptions) => Client;
}
