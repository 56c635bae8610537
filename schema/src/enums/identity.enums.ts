import type { EnumValue } from "./enum.js";

/** External identity providers a tenant (or the MSP) can configure. */
export const IdentityProviderKind = Object.freeze({
  LDAP: "ldap",
  SAML: "saml",
  OIDC: "oidc",
  RADIUS: "radius",
} as const);
export type IdentityProviderKind = EnumValue<typeof IdentityProviderKind>;

/** How Atrium talks to a directory: plain LDAP (labs only), LDAPS, or LDAP upgraded with StartTLS. */
export const LdapSecurity = Object.freeze({
  NONE: "none",
  LDAPS: "ldaps",
  STARTTLS: "starttls",
} as const);
export type LdapSecurity = EnumValue<typeof LdapSecurity>;

/** The directory attribute users sign in with; stored as the attribute's own name. */
export const LdapLoginAttribute = Object.freeze({
  UID: "uid",
  SAM_ACCOUNT_NAME: "sAMAccountName",
  USER_PRINCIPAL_NAME: "userPrincipalName",
  MAIL: "mail",
} as const);
export type LdapLoginAttribute = EnumValue<typeof LdapLoginAttribute>;

/** Single sign-on kinds: the ones a sign-in page shows as buttons. */
export const SsoProviderKind = Object.freeze({
  SAML: IdentityProviderKind.SAML,
  OIDC: IdentityProviderKind.OIDC,
} as const);
export type SsoProviderKind = EnumValue<typeof SsoProviderKind>;

/** Who checked the first factor of a sign-in: Atrium's own password store or a provider. */
export const LoginProviderKind = Object.freeze({ LOCAL: "local", ...IdentityProviderKind } as const);
export type LoginProviderKind = EnumValue<typeof LoginProviderKind>;

export const LoginOutcome = Object.freeze({
  SUCCESS: "success",
  FAILURE: "failure",
  MFA_REQUIRED: "mfa_required",
  LOCKED: "locked",
  THROTTLED: "throttled",
} as const);
export type LoginOutcome = EnumValue<typeof LoginOutcome>;

/** How a second factor is answered; `totp_enrolment` is the first code of a new authenticator. */
export const MfaMethod = Object.freeze({
  TOTP: "totp",
  RECOVERY_CODE: "recovery_code",
  RADIUS: "radius",
  TOTP_ENROLMENT: "totp_enrolment",
} as const);
export type MfaMethod = EnumValue<typeof MfaMethod>;

/** The second factor a login event recorded. */
export const LoginMfa = Object.freeze({ NONE: "none", ...MfaMethod } as const);
export type LoginMfa = EnumValue<typeof LoginMfa>;

export const AuthFlowKind = Object.freeze({
  MFA_CHALLENGE: "mfa_challenge",
  SSO_TICKET: "sso_ticket",
  SAML_REQUEST: "saml_request",
  OIDC_STATE: "oidc_state",
  SAML_ASSERTION: "saml_assertion",
} as const);
export type AuthFlowKind = EnumValue<typeof AuthFlowKind>;

/** A sign-in attempt as the login history report counts it: refusals by policy are denials, not failures. */
export const LoginReportOutcome = Object.freeze({
  SUCCESS: "success",
  FAILURE: "failure",
  DENIED: "denied",
} as const);
export type LoginReportOutcome = EnumValue<typeof LoginReportOutcome>;

/**
 * When a provider's new subject may join an account that already exists in the tenant. Without a rule a new subject
 * gets an account of its own: a name is no proof that two providers mean the same person.
 */
export const AccountLinkRule = Object.freeze({
  NONE: "none",
  /** The provider asserts the same e-mail address as the account's (the administrator trusts it to verify them). */
  SAME_EMAIL: "same_email",
  /** The provider asserts the same user name (UPN) as the account's. */
  SAME_USERNAME: "same_username",
} as const);
export type AccountLinkRule = EnumValue<typeof AccountLinkRule>;

/** How an external identity came to be linked to its account. */
export const ExternalIdentityLink = Object.freeze({
  /** The account was created at this identity's first sign-in. */
  SIGN_IN: "sign_in",
  /** Linked by the provider's account link rule. */
  RULE: "rule",
  /** Linked by an administrator. */
  ADMIN: "admin",
  /** An account from before external identities, linked by the upgrade or at its next sign-in. */
  LEGACY: "legacy",
} as const);
export type ExternalIdentityLink = EnumValue<typeof ExternalIdentityLink>;
