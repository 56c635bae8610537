import { currentTotpCode } from "@atrium/api/modules/identity/providers/totp";
import { AuditEvent, User } from "@atrium/schema";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTenantWithPeople, PASSWORD, type TenantFixture } from "../fixtures/factories.js";
import { dataOf, startTestApp, type TestApp } from "../fixtures/test-app.js";
import { completeMfa, signInWithPassword, updateSettings } from "../idp/identity-helpers.js";

// Issue 13, item 3: a signed-in user replaces or turns off their authenticator app and renews their recovery codes,
// each proven with a code from the current app or a recovery code; a lost phone is replaced at sign-in with a
// recovery code. Before, an app was replaced without any proof and could not be turned off at all.
let app: TestApp;
let acme: TenantFixture;

beforeAll(async () => {
  app = await startTestApp({ ACCESS_TOKEN_TTL_SECONDS: "86400" });
  acme = await createTenantWithPeople(app, "acme");
  await updateSettings(app, acme.adminToken, { ipFailureLimit: 1000, userFailureLimit: 1000 });
});

afterAll(async () => {
  await app?.close();
});

const codeOf = (secret: string) => {
  // Every code is for a fresh time step: a step already used is refused as a replay.
  app.clock.advance(30_000);
  return currentTotpCode(secret, app.clock.now);
};

async function startEnrolment(token: string): Promise<string> {
  const started = await app.gql<{ startTotpEnrolment: { secret: string } }>(
    `mutation { startTotpEnrolment { secret } }`,
    {},
    token,
  );
  return dataOf(started).startTotpEnrolment.secret;
}

function confirm(token: string, code: string, proof?: string) {
  return app.gql<{ confirmTotpEnrolment: { codes: string[] } }>(
    `mutation($input: TotpCodeInput!) { confirmTotpEnrolment(input: $input) { codes } }`,
    { input: { code, proof: proof ?? null } },
    token,
  );
}

const proofMutation = (name: string, selection: string) => (token: string, proof: string) =>
  app.gql<Record<string, { codes?: string[]; totpEnabled?: boolean }>>(
    `mutation($input: MfaProofInput!) { ${name}(input: $input) { ${selection} } }`,
    { input: { proof } },
    token,
  );
const disableTotp = proofMutation("disableTotp", "totpEnabled");
const regenerate = proofMutation("regenerateRecoveryCodes", "codes");

/** Password, then the given answer to the challenge: the outcome's typename or the error's reason. */
async function signInAnswering(username: string, answer: (token: string) => Promise<string> | string) {
  const first = dataOf(await signInWithPassword(app, { username, password: PASSWORD, tenant: "acme" }));
  if (first.signInWithPassword.__typename === "AuthPayload") return "signed in without a second factor";
  const result = await completeMfa(app, first.signInWithPassword.challengeToken!, await answer(""));
  return result.errors?.[0]?.extensions?.reason ?? result.data?.completeMfa.__typename;
}

async function auditActions(userId: string) {
  const rows = await app.database.dataSource.getRepository(AuditEvent).findBy({ targetId: userId });
  return rows.map((row) => row.action);
}

describe("replacing the authenticator app", () => {
  let oldSecret = "";
  let oldCodes: string[] = [];

  beforeAll(async () => {
    oldSecret = await startEnrolment(acme.userToken);
    oldCodes = dataOf(await confirm(acme.userToken, await codeOf(oldSecret))).confirmTotpEnrolment.codes;
  });

  it("takes a code from the current app or a recovery code; the old app keeps working until then", async () => {
    const newSecret = await startEnrolment(acme.userToken);
    const unproven = await confirm(acme.userToken, await codeOf(newSecret));
    expect(unproven.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "proof" });
    const wrong = await confirm(acme.userToken, await codeOf(newSecret), "ZZZZZ-ZZZZZ");
    expect(wrong.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "proof" });
    expect(await signInAnswering("user1", () => codeOf(oldSecret))).toBe("AuthPayload");

    // A wrong code from the new app does not use up the recovery code given as proof.
    const badNew = await confirm(acme.userToken, "000000", oldCodes[0]);
    expect(badNew.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "code" });
    const replaced = dataOf(await confirm(acme.userToken, await codeOf(newSecret), oldCodes[0]));
    expect(replaced.confirmTotpEnrolment.codes).toHaveLength(10);

    expect(await signInAnswering("user1", () => codeOf(oldSecret))).toBe("MFA_INVALID");
    expect(await signInAnswering("user1", () => oldCodes[1]!)).toBe("MFA_INVALID");
    expect(await signInAnswering("user1", () => codeOf(newSecret))).toBe("AuthPayload");
    expect(await auditActions(acme.user.id)).toContain("replaceTotp");
    oldSecret = newSecret;
    oldCodes = replaced.confirmTotpEnrolment.codes;
  });

  it("renews the recovery codes: the earlier ones stop working, the new ones work once", async () => {
    expect(errorField(await regenerate(acme.userToken, "123456"))).toBe("proof");
    const renewed = dataOf(await regenerate(acme.userToken, await codeOf(oldSecret))).regenerateRecoveryCodes!.codes!;
    expect(renewed).toHaveLength(10);
    expect(renewed).not.toContain(oldCodes[0]);
    expect(await signInAnswering("user1", () => oldCodes[0]!)).toBe("MFA_INVALID");
    expect(await signInAnswering("user1", () => renewed[0]!)).toBe("AuthPayload");
    expect(await signInAnswering("user1", () => renewed[0]!)).toBe("MFA_INVALID");
    expect(await auditActions(acme.user.id)).toContain("regenerateRecoveryCodes");
    oldCodes = renewed.slice(1);
  });

  it("turns the app off with proof, unless the tenant requires a second factor", async () => {
    await updateSettings(app, acme.adminToken, { mfaRequired: true });
    const status = await app.gql<{ myMfa: { required: boolean } }>(`{ myMfa { required } }`, {}, acme.userToken);
    expect(dataOf(status).myMfa.required).toBe(true);
    const refused = await disableTotp(acme.userToken, oldCodes[0]!);
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: "FORBIDDEN", reason: "MFA_REQUIRED" });
    await updateSettings(app, acme.adminToken, { mfaRequired: false });

    expect(errorField(await disableTotp(acme.userToken, "000000"))).toBe("proof");
    const off = dataOf(await disableTotp(acme.userToken, oldCodes[0]!));
    expect(off.disableTotp).toEqual({ totpEnabled: false });
    expect(await signInAnswering("user1", () => "")).toBe("signed in without a second factor");
    expect(await auditActions(acme.user.id)).toContain("disableTotp");
  });
});

describe("a lost phone at sign-in", () => {
  it("turns the challenge into a new enrolment with a recovery code; the lost app stops working", async () => {
    const lostSecret = await startEnrolment(acme.helpdeskToken);
    const codes = dataOf(await confirm(acme.helpdeskToken, await codeOf(lostSecret))).confirmTotpEnrolment.codes;
    const recover = (challengeToken: string, recoveryCode: string) =>
      app.gql<{ recoverTotpForChallenge: { secret: string } }>(
        `mutation($input: RecoverTotpInput!) { recoverTotpForChallenge(input: $input) { secret } }`,
        { input: { challengeToken, recoveryCode } },
      );

    const challenge = dataOf(
      await signInWithPassword(app, { username: "helpdesk", password: PASSWORD, tenant: "acme" }),
    );
    const token = challenge.signInWithPassword.challengeToken!;
    const wrong = await recover(token, "ZZZZZ-ZZZZZ");
    expect(wrong.errors?.[0]?.extensions).toMatchObject({ code: "UNAUTHENTICATED", reason: "MFA_INVALID" });
    const newSecret = dataOf(await recover(token, codes[0]!)).recoverTotpForChallenge.secret;
    expect(newSecret).not.toBe(lostSecret);
    const done = dataOf(await completeMfa(app, token, await codeOf(newSecret)));
    expect(done.completeMfa).toMatchObject({ __typename: "AuthPayload", viewer: { username: "helpdesk" } });
    // The new app comes with new recovery codes, handed over with the session: the only time they can be read.
    const newCodes = done.completeMfa.recoveryCodes ?? [];
    expect(newCodes).toHaveLength(codes.length);
    expect(newCodes.filter((code) => codes.includes(code))).toEqual([]);

    expect(await signInAnswering("helpdesk", () => codeOf(lostSecret))).toBe("MFA_INVALID");
    expect(await signInAnswering("helpdesk", () => codeOf(newSecret))).toBe("AuthPayload");
    // The lost phone's unused codes went with it; the new ones work, once.
    expect(await signInAnswering("helpdesk", () => codes[1]!)).toBe("MFA_INVALID");
    expect(await signInAnswering("helpdesk", () => newCodes[0]!)).toBe("AuthPayload");
    expect(await signInAnswering("helpdesk", () => newCodes[0]!)).toBe("MFA_INVALID");
    const helpdesk = await app.database.dataSource.getRepository(User).findOneByOrFail({ username: "helpdesk" });
    expect(await auditActions(helpdesk.id)).toContain("recoverTotpWithRecoveryCode");
  });
});

function errorField(result: { errors?: { extensions?: Record<string, unknown> }[] }) {
  return result.errors?.[0]?.extensions?.field;
}
