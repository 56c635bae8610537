import { Tenant } from "@atrium/schema";
import { Arg, Args, FieldResolver, Ctx as GqlCtx, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import { RequirePermission } from "../../auth/require-permission.js";
import type { Ctx } from "../../context/ctx.js";
import { PageArgs } from "../../graphql/connection.js";
import { poolCloudView } from "../clouds/cloud-inventory.service.js";
import { PoolCloudType } from "../clouds/cloud-inventory.types.js";
import { loadCloudsOf, setTenantClouds } from "../clouds/tenant-clouds.js";
import { logoDataUrl } from "./tenant-branding.js";
import { cloudDirectory } from "./tenant-cloud-mapping.js";
import { sendTenantInvitation } from "./tenant-invitation.js";
import {
  brandingOf,
  createTenant,
  currentTenant,
  deleteTenant,
  findTenant,
  listTenants,
  updateTenant,
} from "./tenants.service.js";
import {
  CloudDirectoryType,
  CreateTenantInput,
  SetTenantCloudsInput,
  TenantBrandingType,
  TenantConnection,
  TenantInvitationInput,
  TenantType,
  UpdateTenantInput,
} from "./tenants.types.js";

@Resolver(() => TenantType)
export class TenantsResolver {
  @Query(() => TenantConnection)
  @RequirePermission("tenants:read")
  tenants(@GqlCtx() ctx: Ctx, @Args(() => PageArgs) page: PageArgs) {
    return listTenants(ctx, page);
  }

  @Query(() => TenantType)
  @RequirePermission("tenants:read")
  tenant(@GqlCtx() ctx: Ctx, @Arg("id", () => ID) id: string) {
    return findTenant(ctx, id);
  }

  @Query(() => TenantType, { description: "The tenant the caller is acting in." })
  @RequirePermission("tenant:read")
  currentTenant(@GqlCtx() ctx: Ctx) {
    return currentTenant(ctx);
  }

  @Query(() => CloudDirectoryType, {
    description: "Keystone's domains and projects on a cloud, for mapping a tenant (what its service account may use).",
  })
  @RequirePermission("tenants:write")
  cloudDirectory(@GqlCtx() ctx: Ctx, @Arg("cloudId", () => ID) cloudId: string) {
    return cloudDirectory(ctx, cloudId);
  }

  @Query(() => TenantBrandingType, {
    nullable: true,
    description: "Name and brand of an active tenant's sign-in page (null for an unknown or suspended one).",
  })
  @RequirePermission("public")
  async tenantBranding(@GqlCtx() ctx: Ctx, @Arg("slug", () => String) slug: string) {
    const tenant = await brandingOf(ctx, slug);
    return tenant && { name: tenant.name, brandColor: tenant.brandColor, logoDataUrl: logoDataUrl(tenant.logo) };
  }

  @Mutation(() => TenantType)
  @RequirePermission("tenants:write")
  createTenant(@GqlCtx() ctx: Ctx, @Arg("input", () => CreateTenantInput) input: CreateTenantInput) {
    return createTenant(ctx, input);
  }

  @Mutation(() => TenantType)
  @RequirePermission("tenants:write")
  updateTenant(
    @GqlCtx() ctx: Ctx,
    @Arg("id", () => ID) id: string,
    @Arg("input", () => UpdateTenantInput) input: UpdateTenantInput,
  ) {
    return updateTenant(ctx, id, input);
  }

  @Mutation(() => TenantType, {
    description: "E-mails the tenant's first administrator where to sign in (never a password); audited.",
  })
  @RequirePermission("tenants:write")
  sendTenantInvitation(
    @GqlCtx() ctx: Ctx,
    @Arg("tenantId", () => ID) tenantId: string,
    @Arg("input", () => TenantInvitationInput) input: TenantInvitationInput,
  ) {
    return sendTenantInvitation(ctx, tenantId, input);
  }

  @Mutation(() => TenantType, {
    description: "Sets every cloud the tenant may build pools on (it sees no other); audited.",
  })
  @RequirePermission("tenants:write")
  setTenantClouds(@GqlCtx() ctx: Ctx, @Arg("input", () => SetTenantCloudsInput) input: SetTenantCloudsInput) {
    return setTenantClouds(ctx, input.tenantId, input.cloudIds);
  }

  @Mutation(() => TenantType)
  @RequirePermission("tenants:write")
  deleteTenant(@GqlCtx() ctx: Ctx, @Arg("id", () => ID) id: string) {
    return deleteTenant(ctx, id);
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: "The tenant's logo as a data: URL (PNG), on its sign-in page, launcher, mails and reports.",
  })
  logoDataUrl(@Root() tenant: Tenant) {
    return logoDataUrl(tenant.logo);
  }

  @FieldResolver(() => [PoolCloudType], {
    description: "The clouds the MSP lets the tenant build pools on, each with whether it can take a new pool now.",
  })
  async clouds(@GqlCtx() ctx: Ctx, @Root() tenant: Tenant) {
    return (await loadCloudsOf(ctx, tenant)).map(poolCloudView);
  }
}
