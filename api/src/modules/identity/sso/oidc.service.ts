import type { IdentityProvider } from "@atrium/schema";
import * as oidc from "openid-client";
import type { Ctx } from "../../../context/ctx.js";
import { consumeFlowState, createFlowState, findFlowState } from "../flow-state.store.js";
import type { AssertedIdentity } from "../jit-provisioning.service.js";
import { oidcConfigOf } from "../provider-runtime.js";
import { discoverOidc } from "./oidc.client.js";

const STATE_TTL_SECONDS = 600;

export function oidcRedirectUriOf(baseUrl: string, providerId: string): string {
  return `${baseUrl}/auth/sso/${providerId}/oidc/callback`;
}

/** Authorization-code request with PKCE (S256), state and nonce; the verifier is sealed in the flow state. */
export async function oidcAuthorizationUrl(
  ctx: Ctx,
  provider: IdentityProvider,
  baseUrl: string,
  returnTo: string,
): Promise<URL> {
  const config = oidcConfigOf(ctx.services, provider);
  const client = await discoverOidc(config);
  const verifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  await createFlowState(ctx, {
    kind: "oidc_state",
    tenantId: provider.tenantId,
    providerId: provider.id,
    key: state,
    data: { verifierEnc: ctx.services.secretBox.seal(verifier), nonce, returnTo },
    ttlSeconds: STATE_TTL_SECONDS,
  });
  const parameters: Record<string, string> = {
    redirect_uri: oidcRedirectUriOf(baseUrl, provider.id),
    scope: config.scopes.join(" "),
    state,
    nonce,
  };
  if (config.usePkce) {
    parameters.code_challenge = await oidc.calculatePKCECodeChallenge(verifier);
    parameters.code_challenge_method = "S256";
  }
  return oidc.buildAuthorizationUrl(client, parameters);
}

function claimValues(claims: Record<string, unknown>, name: string): string[] {
  const raw = claims[name];
  if (typeof raw === "string") return [raw];
  if (Array.isArray(raw)) return raw.filter((value): value is string => typeof value === "string");
  return [];
}

/**
 * The callback: the state must be one we issued for this provider (single use), then the code is exchanged with
 * the PKCE verifier and the ID token checked (signature, issuer, audience, nonce). Returns the identity and where
 * the user wanted to go.
 */
export async function completeOidcCallback(
  ctx: Ctx,
  provider: IdentityProvider,
  currentUrl: URL,
): Promise<{ identity: AssertedIdentity; returnTo: string }> {
  const state = currentUrl.searchParams.get("state") ?? "";
  const row = state ? await findFlowState(ctx, "oidc_state", state) : null;
  if (!row || row.providerId !== provider.id || !(await consumeFlowState(ctx, row))) {
    throw new Error("unknown, used or expired state");
  }
  const data = row.data as { verifierEnc: string; nonce: string; returnTo: string };
  const config = oidcConfigOf(ctx.services, provider);
  const client = await discoverOidc(config);
  const tokens = await oidc.authorizationCodeGrant(client, currentUrl, {
    pkceCodeVerifier: config.usePkce ? ctx.services.secretBox.open(data.verifierEnc) : undefined,
    expectedState: state,
    expectedNonce: data.nonce,
    idTokenExpected: true,
  });
  const idClaims = tokens.claims();
  if (!idClaims) throw new Error("no ID token");
  let claims: Record<string, unknown> = { ...idClaims };
  // Many providers put groups only in the userinfo response; the sub must match the ID token's.
  if (client.serverMetadata().userinfo_endpoint) {
    const userinfo = await oidc.fetchUserInfo(client, tokens.access_token, idClaims.sub);
    claims = { ...userinfo, ...claims };
  }
  const username = claimValues(claims, config.usernameClaim)[0] ?? idClaims.sub;
  return {
    returnTo: data.returnTo,
    identity: {
      username,
      // `sub` is unique and never reassigned within its issuer (OIDC Core §2).
      subject: `${idClaims.iss}|${idClaims.sub}`,
      legacyId: `${idClaims.iss}|${idClaims.sub}`,
      email: claimValues(claims, config.emailClaim)[0] ?? null,
      displayName: claimValues(claims, config.displayNameClaim)[0] ?? null,
      groups: claimValues(claims, config.groupClaim).map((group) => ({ name: group, externalId: group })),
    },
  };
}
