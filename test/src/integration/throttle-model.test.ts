import { LoginEvent } from "@atrium/schema";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTenantWithPeople, createUser, PASSWORD, type TenantFixture } from "../fixtures/factories.js";
import { dataOf, errorCodes, startTestApp, type TestApp } from "../fixtures/test-app.js";
import { signInWithPassword, updateSettings } from "../idp/identity-helpers.js";

// Issue 12, item 5: the per-address budget was per tenant, so spraying passwords across tenants got a fresh budget
// in each; and anyone who knew a user name could lock its owner out everywhere with a few wrong passwords.
let app: TestApp;
let acme: TenantFixture;
let globex: TenantFixture;
let initech: TenantFixture;

const from = (address: string) => ({ "x-forwarded-for": address });

beforeAll(async () => {
  app = await startTestApp();
  acme = await createTenantWithPeople(app, "acme");
  globex = await createTenantWithPeople(app, "globex");
  initech = await createTenantWithPeople(app, "initech");
  for (const fixture of [acme, globex, initech]) {
    await updateSettings(app, fixture.adminToken, { userFailureLimit: 3, ipFailureLimit: 4, lockoutSeconds: 600 });
  }
});

afterAll(async () => {
  await app?.close();
});

describe("the address budget", () => {
  it("is one per address across tenants: spraying two tenants locks the address in a third", async () => {
    const sprayer = from("198.51.100.9");
    for (const tenant of ["acme", "globex"]) {
      for (let i = 0; i < 2; i++) {
        const guess = await signInWithPassword(app, { username: `spray-${i}`, password: "wrong", tenant }, sprayer);
        expect(errorCodes(guess)).toEqual(["UNAUTHENTICATED"]);
      }
    }
    const blocked = await signInWithPassword(
      app,
      { username: "admin", password: PASSWORD, tenant: "initech" },
      sprayer,
    );
    expect(errorCodes(blocked)).toEqual(["RATE_LIMITED"]);
    const event = await app.database.dataSource
      .getRepository(LoginEvent)
      .findOneByOrFail({ tenantId: initech.tenant.id, outcome: "locked" });
    expect(event.reason).toBe("ip_locked");
    // Another address is not affected.
    dataOf(
      await signInWithPassword(
        app,
        { username: "admin", password: PASSWORD, tenant: "initech" },
        from("198.51.100.10"),
      ),
    );
  });
});

describe("the user lock", () => {
  it("holds at unfamiliar addresses but not where the owner has signed in before", async () => {
    await createUser(app, acme.tenant, "dana", "tenant_user");
    const office = from("192.0.2.20");
    dataOf(await signInWithPassword(app, { username: "dana", password: PASSWORD, tenant: "acme" }, office));

    // An outsider who knows the name fails three times from their own address.
    const outsider = from("203.0.113.50");
    for (let i = 0; i < 3; i++)
      await signInWithPassword(app, { username: "dana", password: "wrong", tenant: "acme" }, outsider);
    const atOutsider = await signInWithPassword(
      app,
      { username: "dana", password: PASSWORD, tenant: "acme" },
      outsider,
    );
    expect(errorCodes(atOutsider)).toEqual(["RATE_LIMITED"]);
    const atNewPlace = await signInWithPassword(
      app,
      { username: "dana", password: PASSWORD, tenant: "acme" },
      from("203.0.113.51"),
    );
    expect(errorCodes(atNewPlace)).toEqual(["RATE_LIMITED"]);

    // Dana still gets in from the office.
    const atOffice = dataOf(
      await signInWithPassword(app, { username: "dana", password: PASSWORD, tenant: "acme" }, office),
    );
    expect(atOffice.signInWithPassword.__typename).toBe("AuthPayload");
  });
});
