import { AuditEvent, AuthSession } from "@atrium/schema";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMspAdmin, createTenantWithPeople, PASSWORD, type TenantFixture } from "../fixtures/factories.js";
import { dataOf, errorCodes, startTestApp, type TestApp } from "../fixtures/test-app.js";

let app: TestApp;
let acme: TenantFixture;

const SIGN_IN = `mutation($input: SignInInput!) {
  signInWithPassword(input: $input) {
    ... on AuthPayload { accessToken refreshToken viewer { username roles tenantSlug } }
  }
}`;

type SignIn = {
  signInWithPassword: { accessToken: string; refreshToken: string; viewer: { username: string; roles: string[] } };
};

beforeAll(async () => {
  app = await startTestApp();
  acme = await createTenantWithPeople(app, "acme");
  await createTenantWithPeople(app, "globex");
});

afterAll(async () => {
  await app?.close();
});

describe("local sign-in and sessions", () => {
  it("signs a tenant user in with the tenant's slug and reports roles", async () => {
    const result = dataOf(
      await app.gql<SignIn>(SIGN_IN, { input: { username: "admin", password: PASSWORD, tenant: "acme" } }),
    );
    expect(result.signInWithPassword.viewer).toEqual({
      username: "admin",
      roles: ["TENANT_ADMIN"],
      tenantSlug: "acme",
    });
  });

  it("answers every failure with the same message, and audits the attempt", async () => {
    const attempts = [
      { username: "admin", password: "wrong-password", tenant: "acme" },
      { username: "nobody", password: PASSWORD, tenant: "acme" },
      { username: "admin", password: PASSWORD, tenant: "no-such-tenant" },
      { username: "admin", password: PASSWORD, tenant: null },
    ];
    for (const input of attempts) {
      const result = await app.gql(SIGN_IN, { input });
      expect(result.errors?.[0]).toMatchObject({
        message: "Invalid username or password",
        extensions: { code: "UNAUTHENTICATED" },
      });
    }
    const failures = await app.database.dataSource.getRepository(AuditEvent).countBy({ action: "signIn.failed" });
    expect(failures).toBeGreaterThanOrEqual(attempts.length);
  });

  it("a user of one tenant cannot sign in through another tenant", async () => {
    const result = await app.gql(SIGN_IN, { input: { username: "user1", password: PASSWORD, tenant: "globex" } });
    expect(
      dataOf(await app.gql<{ me: { tenantSlug: string } }>(`{ me { tenantSlug } }`, {}, acme.userToken)).me,
    ).toEqual({
      tenantSlug: "acme",
    });
    // user1 exists in both tenants with the same password: signing in via globex yields globex's user1, never acme's.
    const viewer = (result.data as SignIn | null)?.signInWithPassword.viewer;
    expect(viewer?.username).toBe("user1");
    const me = dataOf(
      await app.gql<{ me: { tenantSlug: string } }>(
        `{ me { tenantSlug } }`,
        {},
        (result.data as SignIn).signInWithPassword.accessToken,
      ),
    );
    expect(me.me.tenantSlug).toBe("globex");
  });

  it("rotates refresh tokens: each works once", async () => {
    const first = dataOf(
      await app.gql<SignIn>(SIGN_IN, { input: { username: "helpdesk", password: PASSWORD, tenant: "acme" } }),
    );
    const refresh = `mutation($t: String!) { refreshSession(refreshToken: $t) { accessToken refreshToken } }`;
    const second = dataOf(
      await app.gql<{ refreshSession: { accessToken: string; refreshToken: string } }>(refresh, {
        t: first.signInWithPassword.refreshToken,
      }),
    );
    expect(second.refreshSession.refreshToken).not.toBe(first.signInWithPassword.refreshToken);
    expect(dataOf(await app.gql(`{ me { username } }`, {}, second.refreshSession.accessToken))).toEqual({
      me: { username: "helpdesk" },
    });
    // A replay of the rotated token is refused (and ends the family: session-families.test.ts).
    const replay = await app.gql(refresh, { t: first.signInWithPassword.refreshToken });
    expect(errorCodes(replay)).toEqual(["UNAUTHENTICATED"]);
  });

  it("signing out ends the session for its access token at once", async () => {
    const session = dataOf(
      await app.gql<SignIn>(SIGN_IN, { input: { username: "user1", password: PASSWORD, tenant: "acme" } }),
    );
    dataOf(await app.gql(`mutation { signOut }`, {}, session.signInWithPassword.accessToken));
    const after = await app.gql(`{ me { username } }`, {}, session.signInWithPassword.accessToken);
    expect(after.errors?.[0]?.extensions).toMatchObject({ code: "UNAUTHENTICATED", reason: "SESSION_ENDED" });
  });

  it("expired and forged tokens are UNAUTHENTICATED with a reason", async () => {
    const session = dataOf(
      await app.gql<SignIn>(SIGN_IN, { input: { username: "admin", password: PASSWORD, tenant: "acme" } }),
    );
    const forged = `${session.signInWithPassword.accessToken.slice(0, -4)}AAAA`;
    expect((await app.gql(`{ me { username } }`, {}, forged)).errors?.[0]?.extensions).toMatchObject({
      code: "UNAUTHENTICATED",
      reason: "TOKEN_INVALID",
    });
    app.clock.advance(16 * 60 * 1000);
    try {
      expect(
        (await app.gql(`{ me { username } }`, {}, session.signInWithPassword.accessToken)).errors?.[0]?.extensions,
      ).toMatchObject({
        code: "UNAUTHENTICATED",
        reason: "TOKEN_EXPIRED",
      });
    } finally {
      app.clock.advance(-16 * 60 * 1000);
    }
  });

  it("disabling a user revokes their sessions", async () => {
    const session = dataOf(
      await app.gql<SignIn>(SIGN_IN, { input: { username: "user1", password: PASSWORD, tenant: "acme" } }),
    );
    dataOf(
      await app.gql(
        `mutation($id: ID!) { updateUser(id: $id, input: { disabled: true }) { disabled } }`,
        { id: acme.user.id },
        acme.adminToken,
      ),
    );
    expect(errorCodes(await app.gql(`{ me { username } }`, {}, session.signInWithPassword.accessToken))).toEqual([
      "UNAUTHENTICATED",
    ]);
    const open = await app.database.dataSource.getRepository(AuthSession).find({ where: { userId: acme.user.id } });
    expect(open.every((s) => s.revokedAt !== null)).toBe(true);
    expect(
      errorCodes(await app.gql(SIGN_IN, { input: { username: "user1", password: PASSWORD, tenant: "acme" } })),
    ).toEqual(["UNAUTHENTICATED"]);
  });
});

describe("API keys", () => {
  it("are shown once, work as bearer tokens within their scopes, and stop working when revoked", async () => {
    const created = dataOf(
      await app.gql<{ createApiKey: { secret: string; apiKey: { id: string; prefix: string } } }>(
        `mutation { createApiKey(input: { name: "inventory", scopes: [DESKTOPS_READ, POOLS_READ] }) { secret apiKey { id prefix } } }`,
        {},
        acme.adminToken,
      ),
    );
    const key = created.createApiKey.secret;
    expect(key).toMatch(/^atr_/);
    expect(key).toContain(created.createApiKey.apiKey.prefix);
    expect(dataOf(await app.gql(`{ pools { totalCount } }`, {}, key))).toEqual({ pools: { totalCount: 0 } });
    expect(errorCodes(await app.gql(`{ users { totalCount } }`, {}, key))).toEqual(["FORBIDDEN"]);
    const listed = JSON.stringify(await app.gql(`{ apiKeys { id prefix name } }`, {}, acme.adminToken));
    expect(listed).not.toContain(key);
    dataOf(
      await app.gql(
        `mutation($id: ID!) { revokeApiKey(id: $id) { revokedAt } }`,
        { id: created.createApiKey.apiKey.id },
        acme.adminToken,
      ),
    );
    expect((await app.gql(`{ pools { totalCount } }`, {}, key)).errors?.[0]?.extensions).toMatchObject({
      code: "UNAUTHENTICATED",
      reason: "API_KEY_INVALID",
    });
  });

  it("an MSP key with BILLING_READ is not a tenant admin", async () => {
    const msp = await createMspAdmin(app);
    const created = dataOf(
      await app.gql<{ createMspApiKey: { secret: string } }>(
        `mutation { createMspApiKey(input: { name: "billing", scopes: [BILLING_READ] }) { secret } }`,
        {},
        msp,
      ),
    );
    const key = created.createMspApiKey.secret;
    expect(errorCodes(await app.gql(`{ users { totalCount } }`, {}, key))).toEqual(["FORBIDDEN"]);
    expect(errorCodes(await app.gql(`{ tenants { totalCount } }`, {}, key))).toEqual(["FORBIDDEN"]);
  });
});
