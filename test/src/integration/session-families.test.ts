import { AuditEvent, AuthSession, LoginEvent } from "@atrium/schema";
import { IsNull } from "typeorm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTenantWithPeople, createUser, PASSWORD, signIn, type TenantFixture } from "../fixtures/factories.js";
import { dataOf, errorCodes, startTestApp, type TestApp } from "../fixtures/test-app.js";

// Issue 12, item 4: replaying a rotated refresh token did not end the session that replaced it, so a thief who
// refreshed first kept the session; and nobody could end all of a user's sessions at once.
let app: TestApp;
let acme: TenantFixture;
let globex: TenantFixture;

const SIGN_IN = `mutation($input: SignInInput!) {
  signInWithPassword(input: $input) { ... on AuthPayload { accessToken refreshToken } } }`;
const REFRESH = "mutation($t: String!) { refreshSession(refreshToken: $t) { accessToken refreshToken } }";
const ME = "{ me { username } }";
type Tokens = { accessToken: string; refreshToken: string };

async function session(username: string, tenant = "acme"): Promise<Tokens> {
  const result = await app.gql<{ signInWithPassword: Tokens }>(SIGN_IN, {
    input: { username, password: PASSWORD, tenant },
  });
  return dataOf(result).signInWithPassword;
}

const refresh = (token: string) => app.gql<{ refreshSession: Tokens }>(REFRESH, { t: token });
const audits = (action: string, targetId: string) =>
  app.database.dataSource.getRepository(AuditEvent).countBy({ tenantId: acme.tenant.id, action, targetId });
const meWorks = async (accessToken: string) => errorCodes(await app.gql(ME, {}, accessToken)).length === 0;

beforeAll(async () => {
  app = await startTestApp();
  acme = await createTenantWithPeople(app, "acme");
  globex = await createTenantWithPeople(app, "globex");
});

afterAll(async () => {
  await app?.close();
});

describe("refresh-token families", () => {
  it("a replayed rotated token ends the session that replaced it, audited and in the login history", async () => {
    const stolen = await session("user1");
    const rotated = dataOf(await refresh(stolen.refreshToken)).refreshSession;
    expect(await meWorks(rotated.accessToken)).toBe(true);

    expect(errorCodes(await refresh(stolen.refreshToken))).toEqual(["UNAUTHENTICATED"]);
    expect(await meWorks(rotated.accessToken)).toBe(false);
    expect(errorCodes(await refresh(rotated.refreshToken))).toEqual(["UNAUTHENTICATED"]);

    const db = app.database.dataSource;
    const audit = await db
      .getRepository(AuditEvent)
      .findOneByOrFail({ tenantId: acme.tenant.id, action: "refreshTokenReuse", targetId: acme.user.id });
    expect(audit.after).toMatchObject({ sessionRevoked: true });
    const event = await db.getRepository(LoginEvent).findOneByOrFail({ reason: "refresh_token_reuse" });
    expect(event).toMatchObject({ tenantId: acme.tenant.id, userId: acme.user.id, outcome: "failure" });
    // Another session of the same user is a different family and keeps working.
    expect(await meWorks(acme.userToken)).toBe(true);
  });

  it("a made-up token that names a live session ends nothing", async () => {
    const live = await session("helpdesk");
    const [sessionId] = live.refreshToken.split(".");
    expect(errorCodes(await refresh(`${sessionId}.forged.forged`))).toEqual(["UNAUTHENTICATED"]);
    expect(errorCodes(await refresh("not-a-token"))).toEqual(["UNAUTHENTICATED"]);
    expect(await meWorks(live.accessToken)).toBe(true);
    dataOf(await refresh(live.refreshToken));
  });
});

describe("signOutEverywhere", () => {
  it("ends every session of the signed-in user, audited", async () => {
    const traveller = await createUser(app, acme.tenant, "traveller", "tenant_user");
    const laptop = await session("traveller");
    const phone = await session("traveller");
    const ended = await app.gql<{ signOutEverywhere: number }>("mutation { signOutEverywhere }", {}, phone.accessToken);
    expect(dataOf(ended).signOutEverywhere).toBe(2);
    expect(await meWorks(laptop.accessToken)).toBe(false);
    expect(errorCodes(await refresh(laptop.refreshToken))).toEqual(["UNAUTHENTICATED"]);
    expect(await meWorks(phone.accessToken)).toBe(false);
    expect(await audits("signOutEverywhere", traveller.id)).toBe(1);
  });

  it("lets the helpdesk end another user's sessions; other tenants get NOT_FOUND and end nothing", async () => {
    const leaver = await createUser(app, acme.tenant, "leaver", "tenant_user");
    const tokens = await session("leaver");
    const SIGN_OUT_USER = "mutation($id: ID!) { signOutUserEverywhere(id: $id) { id } }";

    expect(errorCodes(await app.gql(SIGN_OUT_USER, { id: leaver.id }, globex.adminToken))).toEqual(["NOT_FOUND"]);
    expect(errorCodes(await app.gql(SIGN_OUT_USER, { id: leaver.id }, acme.userToken))).toEqual(["FORBIDDEN"]);
    expect(await meWorks(tokens.accessToken)).toBe(true);
    expect(
      await app.database.dataSource.getRepository(AuthSession).countBy({ userId: leaver.id, revokedAt: IsNull() }),
    ).toBe(1);

    dataOf(await app.gql(SIGN_OUT_USER, { id: leaver.id }, acme.helpdeskToken));
    expect(await meWorks(tokens.accessToken)).toBe(false);
    expect(errorCodes(await refresh(tokens.refreshToken))).toEqual(["UNAUTHENTICATED"]);
    // The helpdesk's own session is untouched.
    expect(await meWorks(acme.helpdeskToken)).toBe(true);
    expect(await audits("signOutUserEverywhere", leaver.id)).toBe(1);
    // signIn stays possible afterwards.
    await signIn(app, "leaver", "acme");
  });
});
