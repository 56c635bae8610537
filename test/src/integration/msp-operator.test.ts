import { ApiKey, IdentityProvider, SmtpSettings, User } from "@atrium/schema";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createCloud,
  createDesktops,
  createPool,
  createTenantWithPeople,
  createUser,
  signIn,
  type TenantFixture,
} from "../fixtures/factories.js";
import { dataOf, errorCodes, startTestApp, type TestApp } from "../fixtures/test-app.js";

// Issue 12, item 6: an MSP operator who entered a tenant was a full tenant admin there. The operator runs the fleet;
// who signs in, API keys, identity providers and mail stay with administrators.
let app: TestApp;
let acme: TenantFixture;
let operator: string;

beforeAll(async () => {
  app = await startTestApp();
  acme = await createTenantWithPeople(app, "acme");
  await createUser(app, null, "noc", "msp_operator");
  operator = await signIn(app, "noc");
  dataOf(
    await app.gql(
      "mutation($id: ID!) { enterTenant(tenantId: $id) { actingTenantId } }",
      { id: acme.tenant.id },
      operator,
    ),
  );
});

afterAll(async () => {
  await app?.close();
});

describe("msp_operator inside a tenant", () => {
  it("is FORBIDDEN to create users, API keys and identity providers or to change SMTP, and nothing is stored", async () => {
    const attempts = {
      createUser: await app.gql(
        `mutation { createUser(input: { username: "mallory", role: TENANT_ADMIN, password: "Correct-Horse-1" }) { id } }`,
        {},
        operator,
      ),
      createApiKey: await app.gql(
        `mutation { createApiKey(input: { name: "side-door", scopes: [DESKTOPS_READ] }) { secret } }`,
        {},
        operator,
      ),
      createIdentityProvider: await app.gql(
        `mutation { createIdentityProvider(input: { name: "Rogue", settings: { radius: {
          servers: [{ host: "127.0.0.1" }], secret: "s3cret-shared" } } }) { id } }`,
        {},
        operator,
      ),
      saveSmtpSettings: await app.gql(
        `mutation { saveSmtpSettings(input: { host: "mail.evil.example", port: 25, tlsMode: NONE,
          fromAddress: "it@evil.example" }) { host } }`,
        {},
        operator,
      ),
    };
    for (const [operation, result] of Object.entries(attempts))
      expect(errorCodes(result), operation).toEqual(["FORBIDDEN"]);
    const db = app.database.dataSource;
    expect(await db.getRepository(User).countBy({ username: "mallory" })).toBe(0);
    expect(await db.getRepository(ApiKey).countBy({ tenantId: acme.tenant.id })).toBe(0);
    expect(await db.getRepository(IdentityProvider).countBy({ tenantId: acme.tenant.id })).toBe(0);
    expect(await db.getRepository(SmtpSettings).countBy({ tenantId: acme.tenant.id })).toBe(0);
  });

  it("runs the fleet: reads pools and desktops and takes a desktop out of service", async () => {
    const pool = await createPool(app, acme.tenant, await createCloud(app));
    const [desktop] = await createDesktops(app, pool, 1);
    const listed = dataOf(
      await app.gql<{ desktops: { nodes: { id: string }[] } }>(
        "{ desktops(first: 10) { nodes { id } } }",
        {},
        operator,
      ),
    );
    expect(listed.desktops.nodes.map((node) => node.id)).toEqual([desktop!.id]);
    const taken = dataOf(
      await app.gql<{ setDesktopOutOfService: { outOfService: boolean } }>(
        "mutation($id: ID!) { setDesktopOutOfService(id: $id, outOfService: true) { outOfService } }",
        { id: desktop!.id },
        operator,
      ),
    );
    expect(taken.setDesktopOutOfService.outOfService).toBe(true);
  });
});
