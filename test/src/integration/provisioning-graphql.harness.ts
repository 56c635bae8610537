import { AuditEvent, Desktop, Pool, Tenant } from "@atrium/schema";
import { DEFAULT_SEED_IDS } from "@atrium/simulator";
import { createTenantWithPeople, createUser, signIn, type TenantFixture } from "../fixtures/factories.js";
import { type ProvisioningRig, startProvisioningRig } from "./provisioning.harness.js";

/** The provisioning rig plus signed-in people: acme (mapped onto the simulator's project) and a second tenant. */
export interface GraphqlProvisioningRig extends ProvisioningRig {
  adminToken: string;
  helpdeskToken: string;
  userToken: string;
  /** Tenant B, mapped onto its own project of the same cloud. */
  globex: TenantFixture;
  pool(id: string): Promise<Pool | null>;
  desktop(id: string): Promise<Desktop | null>;
  audit(action: string, targetId: string): Promise<AuditEvent[]>;
}

export const POOL_FIELDS = `id name status statusReason provisioningState lastError minTotal maxTotal minAvailable
  namePattern imageRef flavorRef networkIds schedule { days start end minAvailable }
  desktopCounts { total provisioning available assigned unavailable deleting failed }`;

export const DESKTOP_FIELDS = `id name seq availability provisioningState observedPowerState desiredPowerState
  pendingAction outOfService serverStatus lastError addresses`;

export async function startGraphqlProvisioningRig(): Promise<GraphqlProvisioningRig> {
  const rig = await startProvisioningRig("acme");
  const { app, tenant } = rig;
  await createUser(app, tenant, "admin", "tenant_admin");
  await createUser(app, tenant, "helpdesk", "tenant_helpdesk");
  await createUser(app, tenant, "user1", "tenant_user");
  const globex = await createTenantWithPeople(app, "globex");
  await app.database.dataSource.getRepository(Tenant).save({
    ...globex.tenant,
    vhiDomain: "Default",
    vhiProject: "tenant-globex",
    cloudId: rig.cloud.id,
    cloudIds: [rig.cloud.id],
  });
  const ds = app.database.dataSource;
  return {
    ...rig,
    adminToken: await signIn(app, "admin", "acme"),
    helpdeskToken: await signIn(app, "helpdesk", "acme"),
    userToken: await signIn(app, "user1", "acme"),
    globex,
    pool: (id) => ds.getRepository(Pool).findOneBy({ id }),
    desktop: (id) => ds.getRepository(Desktop).findOneBy({ id }),
    audit: (action, targetId) =>
      ds.getRepository(AuditEvent).find({ where: { action, targetId }, order: { createdAt: "ASC" } }),
  };
}

/** A valid createPool input for acme on the rig's cloud; tests override one field at a time. */
export function poolInput(
  rig: Pick<ProvisioningRig, "cloud">,
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    cloudId: rig.cloud.id,
    name: "win11",
    imageRef: DEFAULT_SEED_IDS.images.win11,
    flavorRef: "vdi.standard",
    networkIds: [DEFAULT_SEED_IDS.networks.acme],
    namePattern: "{TENANT}-{POOL}-{SEQ:3}",
    minAvailable: 2,
    maxTotal: 10,
    ...overrides,
  };
}
