import * as oidc from "openid-client";
import type { OidcProviderConfig } from "../provider-config.schemas.js";

const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]"]);

/**
 * Discovers the issuer and returns a client configuration. Plain http is refused except on the loopback
 * interface (lab and test IdPs), because tokens and the client secret would cross the network in clear.
 */
export async function discoverOidc(config: OidcProviderConfig): Promise<oidc.Configuration> {
  const issuer = new URL(config.issuer);
  const insecure = issuer.protocol === "http:";
  if (insecure && !LOOPBACK.has(issuer.hostname)) {
    throw new Error("the issuer must use https (plain http is only accepted on the loopback interface)");
  }
  const auth = config.clientSecret ? oidc.ClientSecretPost(config.clientSecret) : oidc.None();
  return oidc.discovery(issuer, config.clientId, undefined, auth, {
    execute: insecure ? [oidc.allowInsecureRequests] : [],
    timeout: 10,
  });
}
