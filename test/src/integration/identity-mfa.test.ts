import { hashPassword } from "@atrium/api";
import {
  leaseRadiusServer,
  RADIUS_TEST_SERVER,
  type ServerLease,
} from "@atrium/api/modules/identity/providers/test-servers";
import { currentTotpCode } from "@atrium/api/modules/identity/providers/totp";
import { LoginEvent, RoleBinding, User } from "@atrium/schema";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTenantWithPeople, PASSWORD, type TenantFixture } from "../fixtures/factories.js";
import { dataOf, errorCodes, startTestApp, type TestApp } from "../fixtures/test-app.js";
import { completeMfa, createProvider, signInWithPassword, updateSettings } from "../idp/identity-helpers.js";

// TOTP with the app's injectable clock, and a RADIUS second factor against the real FreeRADIUS of
// test/services/radius.sh (Access-Challenge user, the Duo/Okta/PingID proxy pattern).
let app: TestApp;
let radius: ServerLease;
let acme: TenantFixture;
let globex: TenantFixture;

async function localUser(tenantId: string, username: string, password: string) {
  const user = await app.database.dataSource.getRepository(User).save({
    tenantId,
    username,
    displayName: username,
    source: "local",
    passwordHash: await hashPassword(password),
    disabled: false,
  });
  await app.database.dataSource.getRepository(RoleBinding).insert({ tenantId, userId: user.id, role: "tenant_user" });
  return user;
}

const code = () => currentTotpCode(secret, app.clock.now);
let secret = "";

beforeAll(async () => {
  radius = await leaseRadiusServer();
  app = await startTestApp();
  acme = await createTenantWithPeople(app, "acme");
  globex = await createTenantWithPeople(app, "globex");
  for (const tenant of [acme, globex]) await updateSettings(app, tenant.adminToken, { ipFailureLimit: 1000 });
});

afterAll(async () => {
  await app?.close();
  await radius?.release();
});

describe("TOTP", () => {
  let recoveryCodes: string[] = [];

  it("enrols with a QR code, confirms with a code and shows recovery codes once", async () => {
    const started = dataOf(
      await app.gql<{ startTotpEnrolment: { secret: string; otpauthUri: string; qrCodeDataUrl: string } }>(
        `mutation { startTotpEnrolment { secret otpauthUri qrCodeDataUrl } }`,
        {},
        acme.userToken,
      ),
    ).startTotpEnrolment;
    expect(started.qrCodeDataUrl).toMatch(/^data:image\/png;base64,/);
    expect(started.otpauthUri).toContain("otpauth://totp/");
    secret = started.secret;
    const wrong = await app.gql(
      `mutation { confirmTotpEnrolment(input: { code: "000000" }) { codes } }`,
      {},
      acme.userToken,
    );
    expect(errorCodes(wrong)).toEqual(["BAD_USER_INPUT"]);
    const confirmed = dataOf(
      await app.gql<{ confirmTotpEnrolment: { codes: string[] } }>(
        `mutation($code: String!) { confirmTotpEnrolment(input: { code: $code }) { codes } }`,
        { code: await code() },
        acme.userToken,
      ),
    );
    recoveryCodes = confirmed.confirmTotpEnrolment.codes;
    expect(recoveryCodes).toHaveLength(10);
    const status = dataOf(
      await app.gql<{ myMfa: unknown }>(`{ myMfa { totpEnabled recoveryCodesLeft } }`, {}, acme.userToken),
    );
    expect(status.myMfa).toEqual({ totpEnabled: true, recoveryCodesLeft: 10 });
  });

  it("then asks for a code at sign-in and accepts the current one once (replay refused)", async () => {
    app.clock.advance(60_000);
    const first = dataOf(await signInWithPassword(app, { username: "user1", password: PASSWORD, tenant: "acme" }));
    expect(first.signInWithPassword).toMatchObject({ __typename: "MfaChallenge", methods: ["TOTP", "RECOVERY_CODE"] });
    const current = await code();
    const done = dataOf(await completeMfa(app, first.signInWithPassword.challengeToken!, current));
    expect(done.completeMfa).toMatchObject({ __typename: "AuthPayload", viewer: { username: "user1" } });

    const second = dataOf(await signInWithPassword(app, { username: "user1", password: PASSWORD, tenant: "acme" }));
    const replay = await completeMfa(app, second.signInWithPassword.challengeToken!, current);
    expect(replay.errors?.[0]?.extensions).toMatchObject({ code: "UNAUTHENTICATED", reason: "MFA_INVALID" });
    const events = await app.database.dataSource.getRepository(LoginEvent).findBy({ username: "user1", mfa: "totp" });
    expect(events.map((event) => event.reason)).toContain("totp_replayed");

    // The next time step brings a fresh code that works on the same challenge.
    app.clock.advance(30_000);
    const later = dataOf(await completeMfa(app, second.signInWithPassword.challengeToken!, await code()));
    expect(later.completeMfa.__typename).toBe("AuthPayload");
  });

  it("refuses a code from a far-off time and a used challenge", async () => {
    const challenge = dataOf(await signInWithPassword(app, { username: "user1", password: PASSWORD, tenant: "acme" }));
    const token = challenge.signInWithPassword.challengeToken!;
    const stale = await currentTotpCode(secret, () => new Date(app.clock.now().getTime() - 10 * 60_000));
    expect(errorCodes(await completeMfa(app, token, stale, "TOTP"))).toEqual(["UNAUTHENTICATED"]);
    app.clock.advance(30_000);
    expect(dataOf(await completeMfa(app, token, await code())).completeMfa.__typename).toBe("AuthPayload");
    const again = await completeMfa(app, token, await code());
    expect(again.errors?.[0]?.extensions).toMatchObject({ reason: "MFA_EXPIRED" });
  });

  it("accepts each recovery code once", async () => {
    const challenge = dataOf(await signInWithPassword(app, { username: "user1", password: PASSWORD, tenant: "acme" }));
    const recovery = recoveryCodes[0]!.toLowerCase();
    expect(
      dataOf(await completeMfa(app, challenge.signInWithPassword.challengeToken!, recovery)).completeMfa.__typename,
    ).toBe("AuthPayload");
    const next = dataOf(await signInWithPassword(app, { username: "user1", password: PASSWORD, tenant: "acme" }));
    expect(errorCodes(await completeMfa(app, next.signInWithPassword.challengeToken!, recovery))).toEqual([
      "UNAUTHENTICATED",
    ]);
  });

  it("makes an unenrolled user enrol during sign-in when the tenant requires MFA", async () => {
    await updateSettings(app, globex.adminToken, { mfaRequired: true });
    const challenge = dataOf(
      await signInWithPassword(app, { username: "helpdesk", password: PASSWORD, tenant: "globex" }),
    );
    expect(challenge.signInWithPassword).toMatchObject({ __typename: "MfaChallenge", methods: ["TOTP_ENROLMENT"] });
    const token = challenge.signInWithPassword.challengeToken!;
    const enrolment = dataOf(
      await app.gql<{ enrolTotpForChallenge: { secret: string } }>(
        `mutation($t: String!) { enrolTotpForChallenge(challengeToken: $t) { secret } }`,
        { t: token },
      ),
    ).enrolTotpForChallenge;
    const answer = await currentTotpCode(enrolment.secret, app.clock.now);
    const done = dataOf(await completeMfa(app, token, answer)).completeMfa;
    expect(done.__typename).toBe("AuthPayload");
    // Recovery codes were made for the new app: the sign-in's answer is where the user gets to see them.
    expect(done.recoveryCodes).toHaveLength(10);
    await updateSettings(app, globex.adminToken, { mfaRequired: false });
  });
});

describe("RADIUS second factor", () => {
  let radiusProviderId: string;

  beforeAll(async () => {
    radiusProviderId = (
      await createProvider(app, acme.adminToken, {
        name: "duo-proxy",
        settings: {
          radius: {
            servers: [{ host: RADIUS_TEST_SERVER.host, port: RADIUS_TEST_SERVER.port }],
            timeoutMs: 3000,
            secret: RADIUS_TEST_SERVER.secret,
          },
        },
      })
    ).id;
    await updateSettings(app, acme.adminToken, { mfaRequired: true, mfaRadiusProviderId: radiusProviderId });
    await localUser(acme.tenant.id, "mfa-user", RADIUS_TEST_SERVER.users.mfaUser);
    await localUser(acme.tenant.id, "bob", RADIUS_TEST_SERVER.users.bob);
  });

  it("relays the Access-Challenge prompt and completes with the code", async () => {
    const challenge = dataOf(
      await signInWithPassword(app, {
        username: "mfa-user",
        password: RADIUS_TEST_SERVER.users.mfaUser,
        tenant: "acme",
      }),
    );
    expect(challenge.signInWithPassword).toMatchObject({
      __typename: "MfaChallenge",
      methods: ["RADIUS"],
      message: "Enter your code",
    });
    const done = dataOf(
      await completeMfa(app, challenge.signInWithPassword.challengeToken!, RADIUS_TEST_SERVER.mfaCode),
    );
    expect(done.completeMfa).toMatchObject({ __typename: "AuthPayload", viewer: { username: "mfa-user" } });
    const events = await app.database.dataSource.getRepository(LoginEvent).findBy({ username: "mfa-user" });
    expect(events.map((event) => `${event.outcome}/${event.mfa}`).sort()).toEqual([
      "mfa_required/none",
      "success/radius",
    ]);
  });

  it("rejects a wrong code", async () => {
    const challenge = dataOf(
      await signInWithPassword(app, {
        username: "mfa-user",
        password: RADIUS_TEST_SERVER.users.mfaUser,
        tenant: "acme",
      }),
    );
    const wrong = await completeMfa(app, challenge.signInWithPassword.challengeToken!, "999999");
    expect(wrong.errors?.[0]?.extensions).toMatchObject({ code: "UNAUTHENTICATED" });
    const event = await app.database.dataSource
      .getRepository(LoginEvent)
      .findOneBy({ username: "mfa-user", outcome: "failure", mfa: "radius" });
    expect(event?.reason).toBe("radius_reject");
  });

  it("completes at once when RADIUS accepts the first round (plain PAP user)", async () => {
    const result = dataOf(
      await signInWithPassword(app, { username: "bob", password: RADIUS_TEST_SERVER.users.bob, tenant: "acme" }),
    );
    expect(result.signInWithPassword).toMatchObject({ __typename: "AuthPayload", viewer: { username: "bob" } });
  });

  it("reports the RADIUS test connection", async () => {
    const test = dataOf(
      await app.gql<{ testIdentityProvider: { ok: boolean; detail: string } }>(
        `mutation($id: ID!) { testIdentityProvider(id: $id) { ok detail } }`,
        { id: radiusProviderId },
        acme.adminToken,
      ),
    );
    expect(test.testIdentityProvider).toMatchObject({ ok: true, detail: expect.stringContaining("answered (reject)") });
  });
});
