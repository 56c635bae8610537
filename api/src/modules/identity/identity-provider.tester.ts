import { X509Certificate } from "node:crypto";
import type { IdentityProvider } from "@atrium/schema";
import { signInCtx } from "../../context/build-ctx.js";
import type { Ctx } from "../../context/ctx.js";
import { toPem } from "./provider-config.schemas.js";
import { ldapConfigOf, oidcConfigOf, radiusConfigOf, samlConfigOf } from "./provider-runtime.js";
import { testLdapConnection } from "./providers/ldap-connection.tester.js";
import type { ScopeGrants } from "./providers/ldap-scope.checker.js";
import { RadiusTimeoutError, radiusAuthenticate } from "./providers/radius.client.js";
import { discoverOidc } from "./sso/oidc.client.js";
import { tenantGrants } from "./tenant-grants.js";

export interface ProviderTestResult {
  ok: boolean;
  reason: string | null;
  detail: string;
  warnings: string[];
}

const failed = (reason: string, detail: string): ProviderTestResult => ({ ok: false, reason, detail, warnings: [] });

/** The groups the provider's tenant grants through, for the LDAP scope check (MSP staff's directories have none). */
async function scopeGrants(ctx: Ctx, provider: IdentityProvider): Promise<ScopeGrants | undefined> {
  if (provider.tenantId === null) return undefined;
  const grants = await tenantGrants(signInCtx(ctx, provider.tenantId).db);
  if (grants.none || grants.anyone) return undefined;
  const groupDns = provider.groupRoleMappings.map((mapping) => mapping.group).filter((group) => group.includes("="));
  return { groups: grants.groups, groupDns };
}

async function testRadius(ctx: Ctx, provider: IdentityProvider): Promise<ProviderTestResult> {
  const config = radiusConfigOf(ctx.services, provider);
  try {
    // Any verified answer proves reachability and the shared secret (a wrong secret fails the response
    // authenticator, which the client drops, so it ends as a timeout).
    const outcome = await radiusAuthenticate(config, {
      username: "atrium-connection-test",
      password: "not-a-password",
    });
    return {
      ok: true,
      reason: null,
      detail: `${outcome.server.host}:${outcome.server.port} answered (${outcome.kind})`,
      warnings: [],
    };
  } catch (error) {
    if (error instanceof RadiusTimeoutError) {
      return failed(
        "no_answer",
        `${error.message}: check the address, the port, the client entry and the shared secret`,
      );
    }
    return failed("error", (error as Error).message);
  }
}

async function testOidc(ctx: Ctx, provider: IdentityProvider): Promise<ProviderTestResult> {
  const config = oidcConfigOf(ctx.services, provider);
  try {
    const client = await discoverOidc(config);
    const metadata = client.serverMetadata();
    if (config.usePkce && !metadata.code_challenge_methods_supported?.includes("S256")) {
      return failed("pkce_unsupported", `${metadata.issuer} does not advertise PKCE S256`);
    }
    return { ok: true, reason: null, detail: `discovered ${metadata.issuer}`, warnings: [] };
  } catch (error) {
    return failed("discovery_failed", `${config.issuer}: ${(error as Error).message}`);
  }
}

async function testSaml(ctx: Ctx, provider: IdentityProvider): Promise<ProviderTestResult> {
  const config = samlConfigOf(provider);
  const now = ctx.services.clock();
  for (const pem of config.idpCertificates) {
    const certificate = new X509Certificate(toPem(pem));
    if (new Date(certificate.validTo) < now) {
      return failed(
        "certificate_expired",
        `the IdP certificate ${certificate.subject} expired on ${certificate.validTo}`,
      );
    }
    if (new Date(certificate.validFrom) > now) {
      return failed("certificate_not_yet_valid", `the IdP certificate is valid from ${certificate.validFrom}`);
    }
  }
  try {
    const response = await fetch(config.ssoUrl, {
      method: "GET",
      redirect: "manual",
      signal: AbortSignal.timeout(10_000),
    });
    if (response.status >= 500) return failed("sso_url_error", `${config.ssoUrl} answered HTTP ${response.status}`);
    const detail = `${config.ssoUrl} answered HTTP ${response.status}; certificates valid`;
    return { ok: true, reason: null, detail, warnings: [] };
  } catch (error) {
    return failed("sso_url_unreachable", `${config.ssoUrl}: ${(error as Error).message}`);
  }
}

/** The admin's "Test connection": the first step that fails, in terms an administrator can act on. */
export async function testProvider(ctx: Ctx, provider: IdentityProvider): Promise<ProviderTestResult> {
  switch (provider.kind) {
    case "ldap": {
      const grants = await scopeGrants(ctx, provider);
      const result = await testLdapConnection(ldapConfigOf(ctx.services, provider), {}, grants);
      if (result.ok) {
        const detail = `bound at ${result.url}; search base readable`;
        return { ok: true, reason: null, detail, warnings: result.warnings };
      }
      return failed(result.reason, result.url ? `${result.url}: ${result.detail}` : result.detail);
    }
    case "radius":
      return testRadius(ctx, provider);
    case "oidc":
      return testOidc(ctx, provider);
    case "saml":
      return testSaml(ctx, provider);
  }
}
