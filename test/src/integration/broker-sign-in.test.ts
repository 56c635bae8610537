import { GroupMembership, LoginEvent, User } from "@atrium/schema";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLocationRow, createPolicyRow, createRuleRow } from "../fixtures/broker-factories.js";
import {
  createCloud,
  createGroup,
  createMspAdmin,
  createPool,
  createTenantWithPeople,
  createUser,
  PASSWORD,
  type TenantFixture,
} from "../fixtures/factories.js";
import { dataOf, errorCodes, startTestApp, type TestApp } from "../fixtures/test-app.js";
import { SIGN_IN_WITH_PASSWORD, type SignInResultShape } from "../idp/identity-helpers.js";

const OFFICE = "10.1.2.3";
const BLOCKED = "203.0.113.9";
const HOME = "198.51.100.7";

describe("assignment rules at sign-in", () => {
  let app: TestApp;
  let acme: TenantFixture;

  const signInFrom = (ip: string, username: string, tenant: string | null = "acme") =>
    app.gql<{ signInWithPassword: SignInResultShape }>(
      SIGN_IN_WITH_PASSWORD,
      { input: { username, password: PASSWORD, tenant } },
      undefined,
      { "x-forwarded-for": ip },
    );
  const lastLoginEvent = (username: string) =>
    app.database.dataSource.getRepository(LoginEvent).findOne({ where: { username }, order: { createdAt: "DESC" } });

  beforeAll(async () => {
    app = await startTestApp();
    acme = await createTenantWithPeople(app, "acme");
    await createTenantWithPeople(app, "globex");
    await createUser(app, acme.tenant, "contractor", "tenant_user");
    const pool = await createPool(app, acme.tenant, await createCloud(app), "general");
    const staff = await createGroup(app, acme.tenant, "Staff");
    const users = app.database.dataSource.getRepository(User);
    for (const username of ["admin", "helpdesk", "user1"]) {
      const member = await users.findOneByOrFail({ tenantId: acme.tenant.id, username });
      await app.database.dataSource
        .getRepository(GroupMembership)
        .insert({ tenantId: acme.tenant.id, groupId: staff.id, userId: member.id });
    }
    const office = await createLocationRow(app, acme.tenant, "Office", ["10.1.0.0/16"]);
    const blocked = await createLocationRow(app, acme.tenant, "Sanctioned", ["203.0.113.0/24"]);
    const internet = await createLocationRow(app, acme.tenant, "Internet", ["0.0.0.0/0", "::/0"]);
    const policy = await createPolicyRow(app, acme.tenant, "General", [pool]);
    // Deny first, then office staff without a second factor, then staff from anywhere else with one.
    await createRuleRow(app, acme.tenant, 5, { locationIds: [blocked.id] }, "deny");
    await createRuleRow(app, acme.tenant, 10, { group: "staff", locationIds: [office.id] }, { policy });
    await createRuleRow(
      app,
      acme.tenant,
      20,
      { group: "staff", locationIds: [internet.id] },
      {
        policy,
        mfaRequired: true,
      },
    );
  });
  afterAll(() => app.close());

  it("signs staff in from the office without a second factor", async () => {
    const result = dataOf(await signInFrom(OFFICE, "user1"));
    expect(result.signInWithPassword.__typename).toBe("AuthPayload");
    expect(result.signInWithPassword.accessToken).toBeTruthy();
  });

  it("asks for a second factor when the deciding rule requires one", async () => {
    const result = dataOf(await signInFrom(HOME, "user1"));
    expect(result.signInWithPassword).toMatchObject({ __typename: "MfaChallenge", methods: ["TOTP_ENROLMENT"] });
  });

  it("refuses a sign-in that a deny rule matches, with a clear reason and a logged failure", async () => {
    const result = await signInFrom(BLOCKED, "admin");
    expect(errorCodes(result)).toEqual(["FORBIDDEN"]);
    expect(result.errors?.[0]?.message).toBe("Sign-in is not allowed from this location");
    expect(result.data?.signInWithPassword ?? null).toBeNull();
    expect(await lastLoginEvent("admin")).toMatchObject({
      outcome: "failure",
      reason: "access_denied: explicit_deny",
      clientIp: BLOCKED,
      location: "Internet, Sanctioned",
    });
  });

  it("reports each attempt's location, and a rule's refusal as denied, in the login history", async () => {
    const admin = dataOf(await signInFrom(OFFICE, "admin")).signInWithPassword.accessToken!;
    const now = Date.now();
    const range = { from: new Date(now - 3_600_000).toISOString(), to: new Date(now + 60_000).toISOString() };
    const history = dataOf(
      await app.gql<{ loginHistory: { nodes: { user: string; location: string | null; outcome: string }[] } }>(
        "query($filter: ReportRangeInput!) { loginHistory(filter: $filter) { nodes { user location outcome } } }",
        { filter: range },
        admin,
      ),
    ).loginHistory.nodes;
    expect(history).toContainEqual({ user: "user1", location: "Internet, Office", outcome: "SUCCESS" });
    expect(history).toContainEqual({ user: "admin", location: "Internet, Sanctioned", outcome: "DENIED" });
  });

  it("still signs in a user no rule matches; offers then explain the denial", async () => {
    const result = dataOf(await signInFrom(HOME, "contractor"));
    expect(result.signInWithPassword.__typename).toBe("AuthPayload");
    const offers = await app.gql("{ myDesktops { poolName } }", {}, result.signInWithPassword.accessToken, {
      "x-forwarded-for": HOME,
    });
    expect(offers.errors?.[0]?.extensions).toMatchObject({ code: "FORBIDDEN", reason: "ACCESS_DENIED" });
    expect(offers.errors?.[0]?.message).toContain("no rule matched");
  });

  it("leaves tenants without rules and MSP staff to their own settings", async () => {
    await createMspAdmin(app, "operator");
    expect(dataOf(await signInFrom(BLOCKED, "user1", "globex")).signInWithPassword.__typename).toBe("AuthPayload");
    expect(dataOf(await signInFrom(BLOCKED, "operator", null)).signInWithPassword.__typename).toBe("AuthPayload");
  });
});
