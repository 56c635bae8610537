import type { IdentityProvider } from "@atrium/schema";
import { type CacheProvider, type Profile, SAML, ValidateInResponseTo } from "@node-saml/node-saml";
import { z } from "zod";
import type { Ctx } from "../../../context/ctx.js";
import { consumeFlowState, createFlowState, findFlowState, flowKeyExists } from "../flow-state.store.js";
import { spEntityIdOf } from "../identity-providers.service.js";
import type { AssertedIdentity } from "../jit-provisioning.service.js";
import { type SamlProviderConfig, toPem } from "../provider-config.schemas.js";
import { samlConfigOf } from "../provider-runtime.js";

const REQUEST_TTL_SECONDS = 600;

/** The signed assertion as node-saml parsed it (xml2js shape); its ID is what replay detection remembers. */
const parsedAssertionSchema = z.object({ Assertion: z.object({ $: z.object({ ID: z.string().min(1).max(256) }) }) });
/** Assertion ids are remembered well beyond any assertion lifetime we accept. */
const ASSERTION_MEMORY_SECONDS = 86_400;

export function acsUrlOf(baseUrl: string, providerId: string): string {
  return `${baseUrl}/auth/sso/${providerId}/saml/acs`;
}

/**
 * Outstanding AuthnRequest ids in the database, so any API instance can take the ACS POST (InResponseTo). Each
 * provider sees only its own: node-saml removes the InResponseTo of every response it refuses, so a refused POST at
 * one provider's ACS naming another provider's request would otherwise cancel that sign-in in progress.
 */
function requestCache(ctx: Ctx, provider: IdentityProvider): CacheProvider {
  const ownRequest = async (key: string) => {
    const row = await findFlowState(ctx, "saml_request", key);
    return row && row.providerId === provider.id ? row : null;
  };
  return {
    async saveAsync(key, value) {
      await createFlowState(ctx, {
        kind: "saml_request",
        tenantId: provider.tenantId,
        providerId: provider.id,
        key,
        data: { value },
        ttlSeconds: REQUEST_TTL_SECONDS,
      });
      return { value, createdAt: ctx.services.clock().getTime() };
    },
    async getAsync(key) {
      const row = await ownRequest(key);
      return row ? String(row.data?.value ?? "") : null;
    },
    async removeAsync(key) {
      if (key === null) return null;
      const row = await ownRequest(key);
      if (!row) return null;
      await consumeFlowState(ctx, row);
      return String(row.data?.value ?? "");
    },
  };
}

export function samlFor(ctx: Ctx, provider: IdentityProvider, baseUrl: string): SAML {
  const config = samlConfigOf(provider);
  return new SAML({
    entryPoint: config.ssoUrl,
    issuer: spEntityIdOf(provider.id),
    audience: spEntityIdOf(provider.id),
    callbackUrl: acsUrlOf(baseUrl, provider.id),
    idpCert: config.idpCertificates.map(toPem),
    idpIssuer: config.idpEntityId,
    // Signed assertions are not negotiable: an unsigned assertion inside a signed response is refused too.
    wantAssertionsSigned: true,
    wantAuthnResponseSigned: false,
    acceptedClockSkewMs: config.clockSkewSeconds * 1000,
    validateInResponseTo: ValidateInResponseTo.always,
    requestIdExpirationPeriodMs: REQUEST_TTL_SECONDS * 1000,
    cacheProvider: requestCache(ctx, provider),
    identifierFormat: null,
    disableRequestedAuthnContext: true,
  });
}

function values(profile: Profile, attribute: string): string[] {
  const raw = profile[attribute];
  if (typeof raw === "string") return [raw];
  if (Array.isArray(raw)) return raw.filter((value): value is string => typeof value === "string");
  return [];
}

const TRANSIENT_NAME_ID = "urn:oasis:names:tc:SAML:2.0:nameid-format:transient";

/**
 * The person's immutable id at the IdP: the chosen attribute, else the NameID. A transient NameID changes at every
 * sign-in, so it would make a new account each time: such an IdP needs a subject attribute.
 */
function samlSubject(config: SamlProviderConfig, profile: Profile): string {
  if (config.subjectAttribute) {
    const value = values(profile, config.subjectAttribute)[0];
    if (!value) throw new Error(`the assertion has no ${config.subjectAttribute} attribute (the provider's subject)`);
    return value;
  }
  if (!profile.nameID) throw new Error("the assertion has no NameID");
  if (profile.nameIDFormat === TRANSIENT_NAME_ID) {
    throw new Error("the NameID is transient: choose a subject attribute for this provider");
  }
  return profile.nameID;
}

/**
 * Validates an ACS POST (signature with the IdP's certificate, audience, time window with the configured skew,
 * InResponseTo of one of our requests) and refuses an assertion id seen before.
 */
export async function validateSamlPost(
  ctx: Ctx,
  provider: IdentityProvider,
  baseUrl: string,
  samlResponse: string,
): Promise<AssertedIdentity> {
  const config = samlConfigOf(provider);
  const { profile } = await samlFor(ctx, provider, baseUrl).validatePostResponseAsync({ SAMLResponse: samlResponse });
  if (!profile) throw new Error("the response carries no assertion");
  const parsed = parsedAssertionSchema.safeParse(profile.getAssertion?.());
  if (!parsed.success) throw new Error("the assertion has no ID");
  const assertionId = parsed.data.Assertion.$.ID;
  if (await flowKeyExists(ctx, "saml_assertion", `${provider.id}:${assertionId}`)) {
    throw new Error(`assertion ${assertionId} was already used`);
  }
  await createFlowState(ctx, {
    kind: "saml_assertion",
    tenantId: provider.tenantId,
    providerId: provider.id,
    key: `${provider.id}:${assertionId}`,
    ttlSeconds: ASSERTION_MEMORY_SECONDS,
  });
  const username = config.usernameAttribute ? values(profile, config.usernameAttribute)[0] : profile.nameID;
  if (!username) throw new Error("the assertion names no user");
  return {
    username,
    subject: samlSubject(config, profile),
    legacyId: profile.nameID || username,
    email: values(profile, config.emailAttribute)[0] ?? null,
    displayName: values(profile, config.displayNameAttribute)[0] ?? null,
    groups: values(profile, config.groupAttribute).map((group) => ({ name: group, externalId: group })),
  };
}
