import { AuditEvent, User, UserMfa } from "@atrium/schema";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTenantWithPeople, createUser, PASSWORD, type TenantFixture } from "../fixtures/factories.js";
import { dataOf, errorCodes, startTestApp, type TestApp } from "../fixtures/test-app.js";
import { signInWithPassword, updateSettings } from "../idp/identity-helpers.js";

// Helping a user back in (issue 13, item 3): before, a locked-out user could not be unlocked, shortening the lockout
// did not release a running lock, and nobody could reset another user's second factor.
let app: TestApp;
let acme: TenantFixture;
let globex: TenantFixture;

const UNLOCK = `mutation($id: ID!) { unlockUser(id: $id) { id username lockedUntil } }`;
const RESET_MFA = `mutation($id: ID!) { resetUserMfa(id: $id) { id mfaEnrolled } }`;
const USER = `query($id: ID!) { user(id: $id) { lockedUntil mfaEnrolled } }`;

async function lockOut(username: string) {
  for (let i = 0; i < 3; i++) await signInWithPassword(app, { username, password: "wrong-password", tenant: "acme" });
  const locked = await signInWithPassword(app, { username, password: PASSWORD, tenant: "acme" });
  expect(errorCodes(locked)).toEqual(["RATE_LIMITED"]);
}

beforeAll(async () => {
  app = await startTestApp();
  acme = await createTenantWithPeople(app, "acme");
  globex = await createTenantWithPeople(app, "globex");
  await updateSettings(app, acme.adminToken, { userFailureLimit: 3, ipFailureLimit: 1000, lockoutSeconds: 3600 });
});

afterAll(async () => {
  await app?.close();
});

describe("unlockUser", () => {
  it("lets the helpdesk lift a lockout, shows it on the user and audits it", async () => {
    const pat = await createUser(app, acme.tenant, "pat", "tenant_user");
    await lockOut("pat");
    const shown = dataOf(
      await app.gql<{ user: { lockedUntil: string | null } }>(USER, { id: pat.id }, acme.adminToken),
    );
    expect(shown.user.lockedUntil).not.toBeNull();
    const unlocked = dataOf(
      await app.gql<{ unlockUser: { lockedUntil: string | null } }>(UNLOCK, { id: pat.id }, acme.helpdeskToken),
    );
    expect(unlocked.unlockUser.lockedUntil).toBeNull();
    dataOf(await signInWithPassword(app, { username: "pat", password: PASSWORD, tenant: "acme" }));
    const audit = await app.database.dataSource
      .getRepository(AuditEvent)
      .findOneBy({ tenantId: acme.tenant.id, action: "unlockUser", targetId: pat.id });
    expect(audit).not.toBeNull();
  });

  it("is refused to end users, and another tenant's id is NOT_FOUND with the lock kept", async () => {
    const quinn = await createUser(app, acme.tenant, "quinn", "tenant_user");
    await lockOut("quinn");
    expect(errorCodes(await app.gql(UNLOCK, { id: quinn.id }, acme.userToken))).toEqual(["FORBIDDEN"]);
    expect(errorCodes(await app.gql(UNLOCK, { id: quinn.id }, globex.adminToken))).toEqual(["NOT_FOUND"]);
    expect(errorCodes(await app.gql(UNLOCK, { id: "not-a-uuid" }, acme.adminToken))).toEqual(["NOT_FOUND"]);
    const still = await signInWithPassword(app, { username: "quinn", password: PASSWORD, tenant: "acme" });
    expect(errorCodes(still)).toEqual(["RATE_LIMITED"]);
  });
});

describe("shortening lockoutSeconds", () => {
  it("releases a running lock that the shorter lockout would already have ended", async () => {
    await createUser(app, acme.tenant, "rory", "tenant_user");
    await lockOut("rory");
    await updateSettings(app, acme.adminToken, { lockoutSeconds: 60 });
    // Locked a moment ago for an hour: with a 60 s lockout it still runs.
    expect(errorCodes(await signInWithPassword(app, { username: "rory", password: PASSWORD, tenant: "acme" }))).toEqual(
      ["RATE_LIMITED"],
    );
    await updateSettings(app, acme.adminToken, { lockoutSeconds: 1 });
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    dataOf(await signInWithPassword(app, { username: "rory", password: PASSWORD, tenant: "acme" }));
    await updateSettings(app, acme.adminToken, { lockoutSeconds: 3600 });
  });
});

describe("resetUserMfa", () => {
  it("lets the helpdesk remove a user's authenticator and recovery codes, audited; other tenants get NOT_FOUND", async () => {
    const sid = await createUser(app, acme.tenant, "sid", "tenant_user");
    await app.database.dataSource.getRepository(UserMfa).insert({
      tenantId: acme.tenant.id,
      userId: sid.id,
      totpSecretEnc: "sealed-secret",
      pendingSecretEnc: null,
      totpEnabledAt: new Date(),
      lastUsedStep: null,
      recoveryCodeHashes: ["h1", "h2"],
    });
    expect(errorCodes(await app.gql(RESET_MFA, { id: sid.id }, globex.helpdeskToken))).toEqual(["NOT_FOUND"]);
    expect(await app.database.dataSource.getRepository(UserMfa).countBy({ userId: sid.id })).toBe(1);
    const reset = dataOf(
      await app.gql<{ resetUserMfa: { mfaEnrolled: boolean } }>(RESET_MFA, { id: sid.id }, acme.helpdeskToken),
    );
    expect(reset.resetUserMfa.mfaEnrolled).toBe(false);
    expect(await app.database.dataSource.getRepository(UserMfa).countBy({ userId: sid.id })).toBe(0);
    const audit = await app.database.dataSource
      .getRepository(AuditEvent)
      .findOneByOrFail({ tenantId: acme.tenant.id, action: "resetUserMfa", targetId: sid.id });
    expect(JSON.stringify(audit)).not.toContain("sealed-secret");
    expect(await app.database.dataSource.getRepository(User).countBy({ id: sid.id })).toBe(1);
  });
});
