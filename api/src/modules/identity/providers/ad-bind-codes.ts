import type { LdapAuthFailureReason } from "./ldap.types.js";

/**
 * Active Directory refuses a simple bind with resultCode 49 for many reasons and says which in the diagnostic text:
 * "80090308: LdapErr: DSID-0C09030B, comment: AcceptSecurityContext error, data 775, v893". The "data" value is a
 * Windows error code in hex; these are the ones a sign-in must tell apart.
 */
const AD_BIND_DATA: Record<string, LdapAuthFailureReason> = {
  "525": "user_not_found",
  "52e": "invalid_credentials",
  "530": "logon_restricted", // not permitted to log on at this time
  "531": "logon_restricted", // not permitted to log on from this workstation
  "532": "password_expired",
  "533": "account_disabled",
  "701": "account_expired",
  "773": "password_must_change",
  "775": "account_locked",
};

/** The AD "data" sub-code of a bind refusal, lower-case hex, if the message carries one. */
export function adBindDataCode(message: string): string | undefined {
  return /AcceptSecurityContext error, data ([0-9a-f]+)/i.exec(message)?.[1]?.toLowerCase();
}

/** What an AD bind refusal means, or undefined for other directories (slapd says only "invalid credentials"). */
export function adBindFailureReason(message: string): LdapAuthFailureReason | undefined {
  const code = adBindDataCode(message);
  return code === undefined ? undefined : AD_BIND_DATA[code];
}
