import { type Cloud, Tenant } from "@atrium/schema";
import { IsNull, Not } from "typeorm";
import { isVhiError, type KeystoneDirectory } from "../../clouds/vhi/index.js";
import type { Ctx } from "../../context/ctx.js";
import { AppError, badInput } from "../../errors/app-error.js";
import { openCloudClient } from "../clouds/cloud-client.factory.js";
import { getCloud } from "../clouds/clouds.service.js";
import type { CloudDirectoryType } from "./tenants.types.js";

async function readDirectory(ctx: Ctx, cloud: Cloud): Promise<KeystoneDirectory> {
  try {
    return await openCloudClient(ctx, cloud).identity.directory();
  } catch (error) {
    if (!isVhiError(error)) throw error;
    // The cloud, not the caller, is in the way: CONFLICT with the cloud's own reason (never a secret).
    throw new AppError("CONFLICT", `Cloud "${cloud.name}" could not list its Keystone projects: ${error.message}`, {
      cloudStatus: error.status,
    });
  }
}

/** The pickers of the onboarding wizard, each project marked with the tenant that already uses it. */
export async function cloudDirectory(ctx: Ctx, cloudId: string): Promise<CloudDirectoryType> {
  const cloud = await getCloud(ctx, cloudId);
  const directory = await readDirectory(ctx, cloud);
  const mapped = await ctx.manager.getRepository(Tenant).find({ where: { vhiProject: Not(IsNull()) } });
  const domainName = new Map(directory.domains.map((domain) => [domain.id, domain.name]));
  const userOf = (project: { id: string; name: string; domainId: string }) =>
    mapped.find(
      (tenant) =>
        (tenant.cloudId === null || tenant.cloudId === cloud.id) &&
        (tenant.vhiProject === project.id || tenant.vhiProject === project.name) &&
        (!tenant.vhiDomain || [project.domainId, domainName.get(project.domainId)].includes(tenant.vhiDomain)),
    )?.name ?? null;
  return {
    cloudId: cloud.id,
    domains: directory.domains,
    projects: directory.projects.map((project) => ({ ...project, tenantName: userOf(project) })),
  };
}

export interface CloudMapping {
  cloudId: string;
  vhiDomain: string;
  vhiProject: string;
}

/**
 * A tenant's mapping is checked against Keystone's own lists before it is saved, so a typo or an invented project
 * is refused here, naming what was not found, rather than surfacing later as a failed pool. Domain and project may
 * be given by name or id; what is stored is Keystone's name, as the demo and the workers scope tokens with it.
 */
export async function checkCloudMapping(
  ctx: Ctx,
  cloudId: string | null,
  vhiDomain: string | null,
  vhiProject: string,
): Promise<CloudMapping> {
  if (!cloudId) throw badInput("Choose the cloud that holds the tenant's project", "cloudId");
  const cloud = await getCloud(ctx, cloudId);
  const directory = await readDirectory(ctx, cloud);
  const domainRef = vhiDomain ?? "default";
  const domain = directory.domains.find((candidate) => candidate.id === domainRef || candidate.name === domainRef);
  const project = domain
    ? directory.projects.find(
        (candidate) =>
          candidate.domainId === domain.id && (candidate.id === vhiProject || candidate.name === vhiProject),
      )
    : undefined;
  if (!domain || !project) {
    const where = domain ? `domain "${domain.name}"` : `a domain "${domainRef}"`;
    throw new AppError(
      "BAD_USER_INPUT",
      `Keystone project "${vhiProject}" was not found in ${where} on cloud "${cloud.name}": pick one of the projects its service account can use`,
      { reason: "CLOUD_PROJECT_UNKNOWN", field: domain ? "vhiProject" : "vhiDomain" },
    );
  }
  return { cloudId: cloud.id, vhiDomain: domain.name, vhiProject: project.name };
}
