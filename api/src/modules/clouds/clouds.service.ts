import { Cloud } from "@atrium/schema";
import { type Ctx, withTransaction } from "../../context/ctx.js";
import { acrossTenants, isUuid } from "../../db/index.js";
import { conflict, notFound } from "../../errors/app-error.js";
import type { PageArgs } from "../../graphql/connection.js";
import { paginate } from "../../graphql/paginate.js";
import { providedFields } from "../../graphql/validation.js";
import { recordAudit } from "../../tenancy/audit.js";
import { openCloudClient } from "./cloud-client.factory.js";
import type { CreateCloudInput, UpdateCloudInput } from "./clouds.types.js";

// Clouds belong to the MSP; only MSP permissions reach these functions.

export async function getCloud(ctx: Ctx, id: string): Promise<Cloud> {
  const cloud = isUuid(id) ? await ctx.manager.getRepository(Cloud).findOneBy({ id }) : null;
  if (!cloud) throw notFound("Cloud");
  return cloud;
}

export function listClouds(ctx: Ctx, page: PageArgs) {
  return paginate(ctx.manager.getRepository(Cloud).createQueryBuilder("cloud"), page, [
    { property: "name", direction: "ASC" },
  ]);
}

export async function createCloud(ctx: Ctx, input: CreateCloudInput): Promise<Cloud> {
  return withTransaction(ctx, async (tx) => {
    const clouds = tx.manager.getRepository(Cloud);
    if (await clouds.findOneBy({ name: input.name })) throw conflict(`A cloud named "${input.name}" exists`);
    const { password, ...fields } = input;
    const cloud = await clouds.save(
      clouds.create({
        ...fields,
        region: fields.region ?? null,
        requestsPerSecond: fields.requestsPerSecond ?? null,
        passwordEnc: tx.services.secretBox.seal(password),
      }),
    );
    await recordAudit(tx, {
      action: "createCloud",
      tenantId: null,
      targetType: "Cloud",
      targetId: cloud.id,
      after: cloud,
    });
    return cloud;
  });
}

export async function updateCloud(ctx: Ctx, id: string, input: UpdateCloudInput): Promise<Cloud> {
  return withTransaction(ctx, async (tx) => {
    const cloud = await getCloud(tx, id);
    const before = { ...cloud };
    const { password, ...fields } = providedFields(input);
    Object.assign(cloud, fields);
    if (password) cloud.passwordEnc = tx.services.secretBox.seal(password);
    // Changed connection details invalidate the last check.
    cloud.status = "unknown";
    const saved = await tx.manager.getRepository(Cloud).save(cloud);
    await recordAudit(tx, {
      action: "updateCloud",
      tenantId: null,
      targetType: "Cloud",
      targetId: id,
      before,
      after: saved,
    });
    return saved;
  });
}

export async function deleteCloud(ctx: Ctx, id: string): Promise<Cloud> {
  return withTransaction(ctx, async (tx) => {
    const cloud = await getCloud(tx, id);
    if (await acrossTenants(tx.manager, "a cloud serves every tenant's pools", tx).pools.exists({ cloudId: id })) {
      throw conflict("Pools still use this cloud; move or delete them first");
    }
    await tx.manager.getRepository(Cloud).delete({ id });
    await recordAudit(tx, { action: "deleteCloud", tenantId: null, targetType: "Cloud", targetId: id, before: cloud });
    return cloud;
  });
}

/**
 * Authenticates afresh and probes compute, image and network with the stored credentials, then records the outcome
 * on the cloud (status, the precise failing stage and reason, the compute microversion). The cloud is called outside
 * any transaction; only the result is written, with its audit event.
 */
export async function testCloudConnection(ctx: Ctx, id: string): Promise<Cloud> {
  const cloud = await getCloud(ctx, id);
  const report = await openCloudClient(ctx, cloud, { maxAttempts: 1 }).testConnection();
  const result: Pick<Cloud, "status" | "statusMessage" | "maxMicroversion" | "lastCheckedAt"> = report.ok
    ? {
        status: "ok",
        statusMessage: `Connected as project ${report.projectId}: ${report.counts.images} images, ${report.counts.flavors} flavors, ${report.counts.networks} networks`,
        maxMicroversion: report.compute.serverMaxVersion,
        lastCheckedAt: ctx.services.clock(),
      }
    : {
        status: "error",
        statusMessage: report.reason.slice(0, 1000),
        maxMicroversion: cloud.maxMicroversion,
        lastCheckedAt: ctx.services.clock(),
      };
  return withTransaction(ctx, async (tx) => {
    const before = { ...cloud };
    const saved = await tx.manager.getRepository(Cloud).save(Object.assign(cloud, result));
    await recordAudit(tx, {
      action: "testCloudConnection",
      tenantId: null,
      targetType: "Cloud",
      targetId: id,
      before,
      after: saved,
    });
    return saved;
  });
}
