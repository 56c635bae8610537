import { RoleBinding, Tenant, type TenantRole, User } from "@atrium/schema";
import type { DataSource, EntityManager } from "typeorm";
import { hashPassword } from "../security/passwords.js";

export const DEMO_PASSWORD = "demo";

export const DEMO_TENANTS = [
  { slug: "acme", name: "Acme Corporation", brandColor: "#2563eb" },
  { slug: "globex", name: "Globex Industries", brandColor: "#059669" },
] as const;

const TENANT_PEOPLE: { username: string; displayName: string; role: TenantRole }[] = [
  { username: "admin", displayName: "Tenant Administrator", role: "tenant_admin" },
  { username: "helpdesk", displayName: "Helpdesk Agent", role: "tenant_helpdesk" },
  ...[1, 2, 3, 4, 5].map((n) => ({
    username: `user${n}`,
    displayName: `Demo User ${n}`,
    role: "tenant_user" as const,
  })),
];

async function addUser(m: EntityManager, tenantId: string | null, username: string, displayName: string, hash: string) {
  return m.getRepository(User).save({
    tenantId,
    username,
    displayName,
    email: `${username}@${tenantId ? "example.test" : "msp.example.test"}`,
    source: "local",
    passwordHash: hash,
    disabled: false,
  });
}

/** Seeds the demo installation once: it does nothing when any tenant exists already. */
export async function seedDemoData(dataSource: DataSource): Promise<boolean> {
  return dataSource.transaction(async (m) => {
    if ((await m.getRepository(Tenant).count()) > 0) return false;
    const hash = await hashPassword(DEMO_PASSWORD);
    const mspAdmin = await addUser(m, null, "msp-admin", "MSP Administrator", hash);
    await m.getRepository(RoleBinding).insert({ tenantId: null, userId: mspAdmin.id, role: "msp_admin" });
    for (const spec of DEMO_TENANTS) {
      const tenant = await m
        .getRepository(Tenant)
        .save({ ...spec, status: "active", vhiDomain: "Default", vhiProject: `tenant-${spec.slug}` });
      for (const person of TENANT_PEOPLE) {
        const user = await addUser(m, tenant.id, person.username, person.displayName, hash);
        await m.getRepository(RoleBinding).insert({ tenantId: tenant.id, userId: user.id, role: person.role });
      }
    }
    return true;
  });
}
