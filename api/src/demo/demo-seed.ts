import { Tenant, type TenantRole } from "@atrium/schema";
import type { DataSource } from "typeorm";
import { acrossTenants, type TenantDb } from "../db/index.js";
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

async function addUser(db: TenantDb, username: string, displayName: string, hash: string) {
  return db.users.insert({
    username,
    displayName,
    email: `${username}@${db.tenantId ? "example.test" : "msp.example.test"}`,
    source: "local",
    passwordHash: hash,
    disabled: false,
  });
}

/** Seeds the demo installation once: it does nothing when any tenant exists already. */
export async function seedDemoData(dataSource: DataSource): Promise<boolean> {
  return acrossTenants(dataSource.manager, "demo seed of the MSP and its demo tenants", "demo-seed").transaction(
    async (across) => {
      const m = across.manager;
      if ((await m.getRepository(Tenant).count()) > 0) return false;
      const hash = await hashPassword(DEMO_PASSWORD);
      const msp = across.forTenant(null);
      const mspAdmin = await addUser(msp, "msp-admin", "MSP Administrator", hash);
      await msp.roleBindings.insertMany([{ userId: mspAdmin.id, role: "msp_admin", groupId: null }]);
      for (const spec of DEMO_TENANTS) {
        const tenant = await m
          .getRepository(Tenant)
          .save({ ...spec, status: "active", vhiDomain: "Default", vhiProject: `tenant-${spec.slug}` });
        const db = across.forTenant(tenant.id);
        for (const person of TENANT_PEOPLE) {
          const user = await addUser(db, person.username, person.displayName, hash);
          await db.roleBindings.insertMany([{ userId: user.id, role: person.role, groupId: null }]);
        }
      }
      return true;
    },
  );
}
