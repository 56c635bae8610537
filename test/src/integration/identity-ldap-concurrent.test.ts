import {
  LDAP_TEST_DIRECTORY,
  leaseLdapServer,
  type ServerLease,
} from "@atrium/api/modules/identity/providers/test-servers";
import { GroupMembership, RoleBinding, User } from "@atrium/schema";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTenantWithPeople, type TenantFixture } from "../fixtures/factories.js";
import { startTestApp, type TestApp } from "../fixtures/test-app.js";
import { createAcmeOpenLdapProvider, signInWithPassword } from "../idp/identity-helpers.js";

// One person signing in from two tabs or two devices at once: both sign-ins refresh the same account, groups and
// roles in their own transactions (found by `npm run bench -- signin`, where 32 clients sign the same people in).
const acmeDir = LDAP_TEST_DIRECTORY.tenants.acme;
const alice = { username: "alice", password: acmeDir.users.alice.password, tenant: "acme" };

let app: TestApp;
let lease: ServerLease;
let acme: TenantFixture;

beforeAll(async () => {
  if (!process.env.DATABASE_URL?.startsWith("postgres")) return;
  lease = await leaseLdapServer();
  app = await startTestApp();
  acme = await createTenantWithPeople(app, "acme");
  await createAcmeOpenLdapProvider(app, acme.adminToken);
}, 300_000);

afterAll(async () => {
  await app?.close();
  await lease?.release();
});

async function signInAtOnce(times: number) {
  const results = await Promise.all(Array.from({ length: times }, () => signInWithPassword(app, alice)));
  return results.map((result) => result.errors?.[0]?.extensions?.code ?? result.data?.signInWithPassword.__typename);
}

// PostgreSQL only: on the embedded database concurrent first sign-ins still answer CONFLICT (not yet understood, and
// the retry does not help there); .ci/run runs this file in its PostgreSQL pass.
describe.skipIf(!process.env.DATABASE_URL?.startsWith("postgres"))("concurrent LDAP sign-ins of one person", () => {
  it("signs her in every time, the first time (provisioning) and after, with one account, role and membership each", async () => {
    expect(await signInAtOnce(6)).toEqual(Array(6).fill("AuthPayload"));
    for (let round = 0; round < 3; round++) expect(await signInAtOnce(8)).toEqual(Array(8).fill("AuthPayload"));

    const ds = app.database.dataSource;
    const accounts = await ds.getRepository(User).findBy({ tenantId: acme.tenant.id, username: "alice" });
    expect(accounts).toHaveLength(1);
    const roles = await ds.getRepository(RoleBinding).findBy({ userId: accounts[0]!.id });
    expect(roles.map((binding) => binding.role).sort()).toEqual(["tenant_admin", "tenant_user"]);
    const memberships = await ds.getRepository(GroupMembership).findBy({ userId: accounts[0]!.id });
    expect(memberships).toHaveLength(2);
  });
});
