import { randomUUID } from "node:crypto";
import { Tenant } from "@atrium/schema";
import { describe, expect, it } from "vitest";
import { TenantCloudGrants0016 } from "../postgres/0016-tenant-cloud-grants.js";
import { openDatabase } from "./data-source.js";

// Issue 14: a tenant builds only on its granted clouds. One onboarded on a cloud before grants existed, with no pool
// there yet, must keep the cloud its project lives on after the upgrade; other grants stay as they are.
describe("migration 0016", () => {
  it("grants each tenant the cloud it was onboarded on, once, and leaves the rest alone", async () => {
    const db = await openDatabase({ databaseUrl: "memory://" });
    try {
      const [home, pooled, other] = [randomUUID(), randomUUID(), randomUUID()];
      const tenants = db.dataSource.getRepository(Tenant);
      const saved = await tenants.save([
        { name: "Onboarded", slug: "onboarded", cloudId: home, cloudIds: [] },
        { name: "Pooled", slug: "pooled", cloudId: home, cloudIds: [pooled] },
        { name: "Granted", slug: "granted", cloudId: home, cloudIds: [home] },
        { name: "Unmapped", slug: "unmapped", cloudId: null, cloudIds: [other] },
      ]);
      const runner = db.dataSource.createQueryRunner();
      try {
        await new TenantCloudGrants0016().up(runner);
      } finally {
        await runner.release();
      }
      const after = await tenants.findBy({});
      const grants = (id: string) => after.find((tenant) => tenant.id === id)?.cloudIds.sort();
      expect(saved.map((tenant) => grants(tenant.id))).toEqual([[home], [home, pooled].sort(), [home], [other]]);
    } finally {
      await db.close();
    }
  });
});
