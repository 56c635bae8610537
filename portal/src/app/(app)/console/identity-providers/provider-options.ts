import type { IdentityProviderKind } from "@/generated/graphql";
import { enumOptions } from "@/lib/enums";

/** The kinds of provider, shared by the create form and the list (which shows their labels). */
export const PROVIDER_KINDS = enumOptions<IdentityProviderKind>({
  LDAP: "LDAP / Active Directory",
  SAML: "SAML 2.0",
  OIDC: "OpenID Connect",
  RADIUS: "RADIUS (second factor)",
});
