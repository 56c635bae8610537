import type { IdentityProvider } from "@atrium/schema";
import type { AppServices } from "../../context/app-services.js";
import {
  type OidcProviderConfig,
  oidcProviderConfigSchema,
  type SamlProviderConfig,
  samlProviderConfigSchema,
} from "./provider-config.schemas.js";
import {
  type LdapProviderConfig,
  ldapProviderConfigSchema,
  type RadiusProviderConfig,
  radiusProviderConfigSchema,
} from "./providers/identity-provider.schemas.js";

/** Stored config + opened secret, re-validated: a row edited behind our back fails here instead of misbehaving. */
function withSecret(services: AppServices, provider: IdentityProvider, field: string) {
  const secret = provider.secretEnc ? services.secretBox.open(provider.secretEnc) : undefined;
  return secret === undefined ? { ...provider.config } : { ...provider.config, [field]: secret };
}

export function ldapConfigOf(services: AppServices, provider: IdentityProvider): LdapProviderConfig {
  return ldapProviderConfigSchema.parse(withSecret(services, provider, "bindPassword"));
}

export function radiusConfigOf(services: AppServices, provider: IdentityProvider): RadiusProviderConfig {
  return radiusProviderConfigSchema.parse(withSecret(services, provider, "secret"));
}

export function oidcConfigOf(services: AppServices, provider: IdentityProvider): OidcProviderConfig {
  return oidcProviderConfigSchema.parse(withSecret(services, provider, "clientSecret"));
}

export function samlConfigOf(provider: IdentityProvider): SamlProviderConfig {
  return samlProviderConfigSchema.parse(provider.config);
}
