import { type ExternalIdentity, ExternalIdentityLink, type IdentityProvider } from "@atrium/schema";
import { type Ctx, withTransaction } from "../../context/ctx.js";
import { badInput, conflict, notFound } from "../../errors/app-error.js";
import { recordAudit } from "../../tenancy/audit.js";
import type { ExternalIdentityType, LinkExternalIdentityInput } from "./external-identities.types.js";

function toType(identity: ExternalIdentity, provider: IdentityProvider): ExternalIdentityType {
  return {
    id: identity.id,
    userId: identity.userId,
    providerId: identity.providerId,
    providerName: provider.name,
    providerKind: provider.kind,
    subject: identity.subject,
    linkedBy: identity.linkedBy,
    createdAt: identity.createdAt,
  };
}

/** The user's links, each with its provider (a user of another tenant is NOT_FOUND). */
export async function listExternalIdentities(ctx: Ctx, userId: string): Promise<ExternalIdentityType[]> {
  const user = await ctx.db.users.getById(userId);
  const links = await ctx.db.externalIdentities.find({ where: { userId: user.id }, order: { createdAt: "ASC" } });
  const providers = await ctx.db.identityProviders.findByIds(links.map((link) => link.providerId));
  const byId = new Map(providers.map((provider) => [provider.id, provider]));
  return links.flatMap((link) => {
    const provider = byId.get(link.providerId);
    return provider ? [toType(link, provider)] : [];
  });
}

/**
 * An administrator's explicit link: from now on the provider's person signs into this account. One person per
 * provider per account, and one account per person, so a link never silently moves someone else's sign-in.
 */
export async function linkExternalIdentity(ctx: Ctx, input: LinkExternalIdentityInput): Promise<ExternalIdentityType> {
  return withTransaction(ctx, async (tx) => {
    const user = await tx.db.users.getById(input.userId);
    const provider = await tx.db.identityProviders.getById(input.providerId);
    if (provider.kind === "radius")
      throw badInput("A RADIUS provider is a second factor: it has no accounts", "providerId");
    const subject = input.subject.trim();
    if (!subject) throw badInput("The subject is empty", "subject");
    if (await tx.db.externalIdentities.exists({ providerId: provider.id, subject })) {
      throw conflict("This person of the provider is linked to an account already; unlink it there first");
    }
    if (await tx.db.externalIdentities.exists({ providerId: provider.id, userId: user.id })) {
      throw conflict("This user is linked to another person of this provider; unlink that first");
    }
    const link = await tx.db.externalIdentities.insert({
      providerId: provider.id,
      subject,
      userId: user.id,
      linkedBy: ExternalIdentityLink.ADMIN,
    });
    await recordAudit(tx, { action: "linkExternalIdentity", targetType: "User", targetId: user.id, after: link });
    return toType(link, provider);
  });
}

/** Removes a link: the person's next sign-in through that provider follows its link rule again. */
export async function unlinkExternalIdentity(
  ctx: Ctx,
  userId: string,
  providerId: string,
): Promise<ExternalIdentityType> {
  return withTransaction(ctx, async (tx) => {
    const user = await tx.db.users.getById(userId);
    const provider = await tx.db.identityProviders.getById(providerId);
    const link = await tx.db.externalIdentities.findOne({ userId: user.id, providerId: provider.id });
    if (!link) throw notFound("External identity");
    await tx.db.externalIdentities.delete({ id: link.id });
    await recordAudit(tx, {
      action: "unlinkExternalIdentity",
      targetType: "User",
      targetId: link.userId,
      before: link,
    });
    return toType(link, provider);
  });
}
