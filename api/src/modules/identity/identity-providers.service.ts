import { type IdentityProvider, IdentityProviderKind } from "@atrium/schema";
import { effectiveTenantId } from "../../auth/principal.js";
import { type Ctx, withTransaction } from "../../context/ctx.js";
import { badInput, conflict } from "../../errors/app-error.js";
import { providedFields } from "../../graphql/validation.js";
import { recordAudit } from "../../tenancy/audit.js";
import type {
  CreateIdentityProviderInput,
  IdentityProviderType,
  UpdateIdentityProviderInput,
} from "./identity-providers.types.js";
import { checkGroupRoleMappings, checkProviderConfig, SECRET_FIELD } from "./provider-config.schemas.js";
import type { IdentityProviderSettingsInput } from "./provider-settings.inputs.js";
import { settingsOf } from "./provider-settings.types.js";
import { withFetchedMetadata } from "./sso/saml-metadata-url.service.js";

/**
 * Providers live in the caller's effective tenant: a tenant admin's own tenant, the tenant an MSP user entered, or
 * (tenant null) the MSP staff's providers for an MSP user outside any tenant. Never taken from arguments.
 */
export function providerScope(ctx: Ctx): string | null {
  return effectiveTenantId(ctx.principal);
}

export function spEntityIdOf(providerId: string): string {
  return `urn:atrium:sp:${providerId}`;
}

export function toProviderType(provider: IdentityProvider): IdentityProviderType {
  return {
    id: provider.id,
    tenantId: provider.tenantId,
    name: provider.name,
    kind: provider.kind,
    enabled: provider.enabled,
    priority: provider.priority,
    accountLinkRule: provider.accountLinkRule,
    settings: settingsOf(provider),
    hasSecret: provider.secretEnc !== null,
    groupRoleMappings: provider.groupRoleMappings,
    spEntityId: provider.kind === "saml" ? spEntityIdOf(provider.id) : null,
    createdAt: provider.createdAt,
  };
}

/** The provider with this id among the caller's (another tenant's id reads as "not found"). */
export function getProvider(ctx: Ctx, id: string): Promise<IdentityProvider> {
  return ctx.db.identityProviders.getById(id);
}

export async function listProviders(ctx: Ctx): Promise<IdentityProvider[]> {
  return ctx.db.identityProviders.find({ order: { priority: "ASC", name: "ASC" } });
}

/** The settings input's field for each kind: the one a client fills in says what kind of provider it is. */
const SETTINGS_FIELD = {
  [IdentityProviderKind.LDAP]: "ldap",
  [IdentityProviderKind.SAML]: "saml",
  [IdentityProviderKind.OIDC]: "oidc",
  [IdentityProviderKind.RADIUS]: "radius",
} as const satisfies Record<IdentityProviderKind, keyof IdentityProviderSettingsInput>;

/** A null in the typed settings means "not set", as leaving the field out does; the stored form has no nulls. */
function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (value === null || typeof value !== "object") return value;
  const given = Object.entries(value).filter(([, inner]) => inner !== null && inner !== undefined);
  return Object.fromEntries(given.map(([key, inner]) => [key, withoutNulls(inner)]));
}

/** The one kind whose settings were given, split into the storable part and the write-only secret. */
function chosenSettings(settings: IdentityProviderSettingsInput) {
  const kinds = Object.values(IdentityProviderKind).filter((kind) => settings[SETTINGS_FIELD[kind]]);
  if (kinds.length !== 1)
    throw badInput("Give the settings of exactly one kind: ldap, saml, oidc or radius", "settings");
  const kind = kinds[0] as IdentityProviderKind;
  const given = withoutNulls(settings[SETTINGS_FIELD[kind]]) as Record<string, unknown>;
  const { [SECRET_FIELD[kind] ?? ""]: secret, ...config } = given;
  return { kind, config, secret: typeof secret === "string" ? secret : null };
}

function validated(
  ctx: Ctx,
  kind: IdentityProviderKind,
  config: Record<string, unknown>,
  secret: string | null,
  mappings: unknown,
) {
  const check = checkProviderConfig(kind, config, secret);
  if (!check.ok) throw badInput(`Invalid ${SETTINGS_FIELD[kind]} settings: ${check.issues.join("; ")}`, "settings");
  const roles = checkGroupRoleMappings(mappings, providerScope(ctx) === null);
  if (!roles.ok) throw badInput(`Invalid group role mappings: ${roles.issues.join("; ")}`, "groupRoleMappings");
  return { config: check.config, secret: check.secret, mappings: roles.mappings };
}

async function assertNameFree(ctx: Ctx, name: string, exceptId?: string) {
  const existing = await ctx.db.identityProviders.findOne({ name });
  if (existing && existing.id !== exceptId) throw conflict(`An identity provider named "${name}" exists`);
}

export async function createProvider(ctx: Ctx, input: CreateIdentityProviderInput): Promise<IdentityProvider> {
  const { kind, config: given, secret } = chosenSettings(input.settings);
  const config = kind === "saml" ? await withFetchedMetadata(given) : given;
  const checked = validated(ctx, kind, config, secret, input.groupRoleMappings);
  return withTransaction(ctx, async (tx) => {
    await assertNameFree(tx, input.name);
    const provider = await tx.db.identityProviders.insert({
      name: input.name,
      kind,
      enabled: input.enabled,
      priority: input.priority,
      accountLinkRule: input.accountLinkRule,
      config: checked.config,
      secretEnc: checked.secret === null ? null : tx.services.secretBox.seal(checked.secret),
      groupRoleMappings: checked.mappings,
    });
    await recordAudit(tx, {
      action: "createIdentityProvider",
      targetType: "IdentityProvider",
      targetId: provider.id,
      after: provider,
    });
    return provider;
  });
}

export async function updateProvider(
  ctx: Ctx,
  id: string,
  input: UpdateIdentityProviderInput,
): Promise<IdentityProvider> {
  const fields = providedFields(input);
  const given = fields.settings ? chosenSettings(fields.settings) : null;
  // Read before the transaction: the IdP may take seconds to answer.
  const chosen = given?.kind === "saml" ? { ...given, config: await withFetchedMetadata(given.config) } : given;
  return withTransaction(ctx, async (tx) => {
    const provider = await getProvider(tx, id);
    const before = { ...provider };
    if (fields.name !== undefined) await assertNameFree(tx, fields.name, provider.id);
    if (chosen && chosen.kind !== provider.kind) {
      throw badInput(
        `This provider's settings are ${SETTINGS_FIELD[provider.kind]}: its kind cannot change`,
        "settings",
      );
    }
    const newSecret = chosen?.secret ?? null;
    // The whole configuration is re-validated with the stored secret, so a partial change can never leave an
    // invalid combination behind.
    const storedSecret = provider.secretEnc ? tx.services.secretBox.open(provider.secretEnc) : null;
    const checked = validated(
      tx,
      provider.kind,
      chosen?.config ?? provider.config,
      newSecret ?? storedSecret,
      fields.groupRoleMappings ?? provider.groupRoleMappings,
    );
    provider.name = fields.name ?? provider.name;
    provider.enabled = fields.enabled ?? provider.enabled;
    provider.priority = fields.priority ?? provider.priority;
    provider.accountLinkRule = fields.accountLinkRule ?? provider.accountLinkRule;
    provider.config = checked.config;
    provider.groupRoleMappings = checked.mappings;
    if (newSecret !== null) provider.secretEnc = tx.services.secretBox.seal(newSecret);
    const saved = await tx.db.identityProviders.save(provider);
    await recordAudit(tx, {
      action: "updateIdentityProvider",
      targetType: "IdentityProvider",
      targetId: provider.id,
      before,
      after: { ...saved, secretChanged: newSecret !== null },
    });
    return saved;
  });
}

export async function deleteProvider(ctx: Ctx, id: string): Promise<IdentityProvider> {
  return withTransaction(ctx, async (tx) => {
    const provider = await getProvider(tx, id);
    // A second factor that silently disappears would turn MFA off; make the admin choose first.
    if (await tx.db.identitySettings.count({ mfaRadiusProviderId: provider.id })) {
      throw conflict("This provider is the tenant's RADIUS second factor; change the identity settings first");
    }
    // The provider's people keep their accounts; only the links through this provider go.
    await tx.db.externalIdentities.delete({ providerId: provider.id });
    await tx.db.identityProviders.delete({ id: provider.id });
    await recordAudit(tx, {
      action: "deleteIdentityProvider",
      targetType: "IdentityProvider",
      targetId: provider.id,
      before: provider,
    });
    return provider;
  });
}
