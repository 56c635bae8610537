import { ExternalIdentity, IdentityProvider, Tenant, User } from "@atrium/schema";
import { describe, expect, it } from "vitest";
import { openDatabase } from "./data-source.js";
import { linkLegacyAccounts } from "./legacy-identity-links.js";

describe("linking accounts made before external identities", () => {
  it("links each provisioned account to its provider where the tenant has one of that kind, and no other", async () => {
    const db = await openDatabase({ databaseUrl: "memory://" });
    try {
      const manager = db.dataSource.manager;
      const [one, two] = await manager.save(Tenant, [
        { name: "One", slug: "one" },
        { name: "Two", slug: "two" },
      ]);
      const provider = (tenantId: string, name: string, kind: "ldap" | "saml") =>
        manager.save(IdentityProvider, { tenantId, name, kind, config: {}, groupRoleMappings: [] });
      const directory = await provider(one!.id, "AD", "ldap");
      const idp = await provider(one!.id, "IdP", "saml");
      await provider(two!.id, "AD", "ldap");
      await provider(two!.id, "OpenLDAP", "ldap");
      const user = (tenantId: string, username: string, source: "local" | "ldap" | "saml", externalId: string | null) =>
        manager.save(User, { tenantId, username, source, externalId });
      const alice = await user(one!.id, "alice", "ldap", "uid=alice,ou=people,dc=example,dc=org");
      const bob = await user(one!.id, "bob", "saml", "bob-persistent-id");
      await user(one!.id, "admin", "local", null);
      // Two directories in tenant two: which one made carol's account is not known, so nothing is linked.
      await user(two!.id, "carol", "ldap", "uid=carol,ou=people,dc=example,dc=org");

      const runner = db.dataSource.createQueryRunner();
      try {
        await linkLegacyAccounts(runner);
      } finally {
        await runner.release();
      }

      const links = await manager.find(ExternalIdentity, { order: { subject: "ASC" } });
      expect(
        links.map(({ providerId, subject, userId, linkedBy }) => ({ providerId, subject, userId, linkedBy })),
      ).toEqual([
        { providerId: idp.id, subject: "bob-persistent-id", userId: bob.id, linkedBy: "legacy" },
        {
          providerId: directory.id,
          subject: "legacy-dn:uid=alice,ou=people,dc=example,dc=org",
          userId: alice.id,
          linkedBy: "legacy",
        },
      ]);
      expect(links.every((link) => link.tenantId === one!.id)).toBe(true);
    } finally {
      await db.close();
    }
  });
});
