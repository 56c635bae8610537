import { LDAP_TEST_DIRECTORY } from "@atrium/api/modules/identity/providers/test-servers";
import { type EnumObject, LdapLoginAttribute } from "@atrium/schema";
import type { TestApp } from "../fixtures/test-app.js";
import { dataOf } from "../fixtures/test-app.js";

/** GraphQL snippets and helpers shared by the identity integration tests. */

export const SIGN_IN_WITH_PASSWORD = `mutation($input: SignInInput!) {
  signInWithPassword(input: $input) {
    __typename
    ... on AuthPayload { accessToken refreshToken viewer { username roles tenantSlug } }
    ... on MfaChallenge { challengeToken methods message }
  }
}`;

export const COMPLETE_MFA = `mutation($input: CompleteMfaInput!) {
  completeMfa(input: $input) {
    __typename
    ... on AuthPayload { accessToken viewer { username roles } recoveryCodes }
    ... on MfaChallenge { challengeToken methods message }
  }
}`;

export const CREATE_PROVIDER = `mutation($input: CreateIdentityProviderInput!) {
  createIdentityProvider(input: $input) {
    id name kind enabled hasSecret spEntityId groupRoleMappings { group role } settings { __typename }
  }
}`;

export interface SignInResultShape {
  __typename: "AuthPayload" | "MfaChallenge";
  accessToken?: string;
  refreshToken?: string;
  viewer?: { username: string; roles: string[]; tenantSlug?: string | null };
  recoveryCodes?: string[] | null;
  challengeToken?: string;
  methods?: string[];
  message?: string;
}

export async function signInWithPassword(
  app: TestApp,
  input: { username: string; password: string; tenant?: string | null; loginHost?: string },
  headers?: Record<string, string>,
) {
  return app.gql<{ signInWithPassword: SignInResultShape }>(SIGN_IN_WITH_PASSWORD, { input }, undefined, headers);
}

export async function completeMfa(app: TestApp, challengeToken: string, code: string, method?: string) {
  return app.gql<{ completeMfa: SignInResultShape }>(COMPLETE_MFA, {
    input: { challengeToken, code, method: method ?? null },
  });
}

/** The GraphQL name of a stored enum value, for settings written from the test servers' own (stored) values. */
export function graphqlName(values: EnumObject, value: string): string {
  const found = Object.entries(values).find(([, stored]) => stored === value);
  if (!found) throw new Error(`${value} is not one of ${Object.values(values).join(", ")}`);
  return found[0];
}

export async function createProvider(
  app: TestApp,
  token: string,
  input: Record<string, unknown>,
): Promise<{ id: string }> {
  const result = await app.gql<{ createIdentityProvider: { id: string } }>(CREATE_PROVIDER, { input }, token);
  return dataOf(result).createIdentityProvider;
}

export const UPDATE_SETTINGS = `mutation($input: UpdateIdentitySettingsInput!) {
  updateIdentitySettings(input: $input) { mfaRequired userFailureLimit ipFailureLimit lockoutSeconds loginHostname }
}`;

export async function updateSettings(app: TestApp, token: string, input: Record<string, unknown>) {
  return dataOf(await app.gql(UPDATE_SETTINGS, { input }, token));
}

/**
 * Acme's provider for the OpenLDAP test directory (test/services/ldap.sh): desktop-admins mapped to TENANT_ADMIN,
 * desktop-users to TENANT_USER (a directory user in no granting group is refused).
 */
export async function createAcmeOpenLdapProvider(app: TestApp, adminToken: string): Promise<{ id: string }> {
  const acme = LDAP_TEST_DIRECTORY.tenants.acme;
  return createProvider(app, adminToken, {
    name: "acme-directory",
    settings: {
      ldap: {
        urls: [LDAP_TEST_DIRECTORY.url],
        bindDn: acme.bindDn,
        bindPassword: acme.bindPassword,
        searchBase: acme.searchBase,
        loginAttribute: graphqlName(LdapLoginAttribute, LDAP_TEST_DIRECTORY.loginAttribute),
      },
    },
    groupRoleMappings: [
      { group: acme.groups.desktopAdmins, role: "TENANT_ADMIN" },
      { group: acme.groups.desktopUsers, role: "TENANT_USER" },
    ],
  });
}
