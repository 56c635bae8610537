import { AuditEvent, User } from "@atrium/schema";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMspAdmin, createTenantWithPeople, type TenantFixture } from "../fixtures/factories.js";
import { type SmtpSink, startSmtpSink } from "../fixtures/smtp-sink.js";
import { dataOf, errorCodes, startTestApp, type TestApp } from "../fixtures/test-app.js";

// MSP administrators manage the MSP's own staff through GraphQL: create with a role (MFA required by default),
// invite by mail, disable, reset password or authenticator; each change audited, each refusal typed.
let app: TestApp;
let smtp: SmtpSink;
let msp: string;
let acme: TenantFixture;

const STAFF = "id username displayName email role disabled mfaRequired mfaEnrolled";
const CREATE = `mutation($input: CreateMspStaffInput!) { createMspStaff(input: $input) { ${STAFF} } }`;
const UPDATE = `mutation($id: ID!, $input: UpdateMspStaffInput!) { updateMspStaff(id: $id, input: $input) { ${STAFF} } }`;
const SIGN_IN = `mutation($input: SignInInput!) {
  signInWithPassword(input: $input) { __typename ... on AuthPayload { accessToken } } }`;

interface Staff {
  id: string;
  role: string;
  disabled: boolean;
  mfaRequired: boolean;
}

async function create(input: Record<string, unknown>, token = msp) {
  return app.gql<{ createMspStaff: Staff }>(CREATE, { input }, token);
}

async function signInAs(username: string, password: string) {
  return app.gql<{ signInWithPassword: { __typename: string; accessToken?: string } }>(SIGN_IN, {
    input: { username, password, tenant: null },
  });
}

beforeAll(async () => {
  app = await startTestApp();
  smtp = await startSmtpSink();
  msp = await createMspAdmin(app);
  acme = await createTenantWithPeople(app, "acme");
  dataOf(
    await app.gql(
      `mutation($input: SmtpSettingsInput!) { saveSmtpSettings(input: $input) { id } }`,
      { input: { host: "127.0.0.1", port: smtp.port, tlsMode: "NONE", fromAddress: "msp@example.test" } },
      msp,
    ),
  );
});

afterAll(async () => {
  await smtp?.close();
  await app?.close();
});

describe("MSP staff", () => {
  it("creates an operator who signs in and is limited to the operator's permissions", async () => {
    const created = dataOf(
      await create({ username: "noc-1", role: "MSP_OPERATOR", password: "Operator-Passw0rd", mfaRequired: false }),
    ).createMspStaff;
    expect(created).toMatchObject({ role: "MSP_OPERATOR", disabled: false, mfaRequired: false });
    const token = dataOf(await signInAs("noc-1", "Operator-Passw0rd")).signInWithPassword.accessToken;
    expect(token).toBeTruthy();
    const tenants = await app.gql<{ tenants: { edges: unknown[] } }>(
      "{ tenants(first: 10) { edges { cursor } } }",
      {},
      token,
    );
    expect(dataOf(tenants).tenants.edges).toHaveLength(1);
    for (const forbidden of [
      `mutation { createTenant(input: { name: "X", slug: "x" }) { id } }`,
      "{ mspStaff(first: 5) { edges { cursor } } }",
      `mutation { createMspStaff(input: { username: "sneaky", role: MSP_ADMIN, password: "Sneaky-Passw0rd" }) { id } }`,
    ]) {
      expect(errorCodes(await app.gql(forbidden, {}, token))).toEqual(["FORBIDDEN"]);
    }
  });

  it("requires a second factor of new staff by default and e-mails an invitation without the password", async () => {
    const created = dataOf(
      await create({
        username: "billing-1",
        displayName: "Bea Billing",
        email: "bea@msp.example.test",
        role: "MSP_BILLING",
        password: "Billing-Passw0rd",
        invite: true,
        signInUrl: "https://portal.msp.example.test/signin",
      }),
    ).createMspStaff;
    expect(created.mfaRequired).toBe(true);
    const attempt = dataOf(await signInAs("billing-1", "Billing-Passw0rd")).signInWithPassword;
    expect(attempt.__typename).toBe("MfaChallenge");
    const mail = smtp.messages.find((message) => message.rcptTo.includes("bea@msp.example.test"));
    expect(mail?.parsed.text).toContain("https://portal.msp.example.test/signin");
    expect(mail?.parsed.text).toContain("billing-1");
    expect(mail?.parsed.text).not.toContain("Billing-Passw0rd");
  });

  it("refuses with typed errors: a taken name, a short password, a relative sign-in URL", async () => {
    expect(errorCodes(await create({ username: "noc-1", role: "MSP_OPERATOR", password: "Another-Passw0rd" }))).toEqual(
      ["CONFLICT"],
    );
    expect(errorCodes(await create({ username: "noc-2", role: "MSP_OPERATOR", password: "short" }))).toEqual([
      "BAD_USER_INPUT",
    ]);
    const relative = await create({
      username: "noc-3",
      email: "noc3@msp.example.test",
      role: "MSP_OPERATOR",
      password: "Operator-Passw0rd",
      invite: true,
      signInUrl: "/signin",
    });
    expect(errorCodes(relative)).toEqual(["BAD_USER_INPUT"]);
  });

  it("disables an account (its sessions end), resets its password and authenticator, all audited", async () => {
    const staff = dataOf(
      await create({ username: "noc-4", role: "MSP_OPERATOR", password: "Operator-Passw0rd", mfaRequired: false }),
    ).createMspStaff;
    const token = dataOf(await signInAs("noc-4", "Operator-Passw0rd")).signInWithPassword.accessToken;
    dataOf(await app.gql(UPDATE, { id: staff.id, input: { disabled: true } }, msp));
    expect(errorCodes(await app.gql("{ tenants(first: 1) { edges { cursor } } }", {}, token))).toEqual([
      "UNAUTHENTICATED",
    ]);
    expect(errorCodes(await signInAs("noc-4", "Operator-Passw0rd"))).toEqual(["UNAUTHENTICATED"]);

    dataOf(await app.gql(UPDATE, { id: staff.id, input: { disabled: false, role: "MSP_BILLING" } }, msp));
    dataOf(
      await app.gql(
        `mutation($id: ID!) { resetMspStaffPassword(id: $id, input: { password: "Brand-New-Passw0rd" }) { id } }`,
        { id: staff.id },
        msp,
      ),
    );
    dataOf(await app.gql(`mutation($id: ID!) { resetMspStaffMfa(id: $id) { mfaEnrolled } }`, { id: staff.id }, msp));
    expect(dataOf(await signInAs("noc-4", "Brand-New-Passw0rd")).signInWithPassword.accessToken).toBeTruthy();

    const actions = (await app.database.dataSource.getRepository(AuditEvent).findBy({ targetId: staff.id })).map(
      (event) => event.action,
    );
    expect(actions).toEqual(
      expect.arrayContaining(["createMspStaff", "updateMspStaff", "resetMspStaffPassword", "resetMspStaffMfa"]),
    );
    const audited = JSON.stringify(
      await app.database.dataSource.getRepository(AuditEvent).findBy({ targetId: staff.id }),
    );
    expect(audited).not.toContain("Brand-New-Passw0rd");
  });

  it("keeps the MSP from locking itself out: no self-disable, the last administrator stays", async () => {
    const me = await app.database.dataSource.getRepository(User).findOneByOrFail({ username: "msp-admin" });
    expect(errorCodes(await app.gql(UPDATE, { id: me.id, input: { disabled: true } }, msp))).toEqual(["CONFLICT"]);
    expect(errorCodes(await app.gql(UPDATE, { id: me.id, input: { role: "MSP_OPERATOR" } }, msp))).toEqual([
      "CONFLICT",
    ]);
  });

  it("never reaches a tenant's user through a staff operation, nor staff from a tenant (cross-tenant)", async () => {
    const before = await app.database.dataSource.getRepository(User).findOneByOrFail({ id: acme.user.id });
    expect(errorCodes(await app.gql(UPDATE, { id: acme.user.id, input: { disabled: true } }, msp))).toEqual([
      "NOT_FOUND",
    ]);
    const reset = `mutation($id: ID!) { resetMspStaffPassword(id: $id, input: { password: "Taken-Over-Passw0rd" }) { id } }`;
    expect(errorCodes(await app.gql(reset, { id: acme.user.id }, msp))).toEqual(["NOT_FOUND"]);
    const after = await app.database.dataSource.getRepository(User).findOneByOrFail({ id: acme.user.id });
    expect(after).toEqual(before);

    const staff = await app.database.dataSource.getRepository(User).findOneByOrFail({ username: "noc-1" });
    for (const token of [acme.adminToken, acme.helpdeskToken]) {
      expect(errorCodes(await app.gql(reset, { id: staff.id }, token))).toEqual(["FORBIDDEN"]);
    }
    // A tenant administrator's own user operations do not see MSP staff at all.
    const disable = `mutation($id: ID!) { updateUser(id: $id, input: { disabled: true }) { id } }`;
    expect(errorCodes(await app.gql(disable, { id: staff.id }, acme.adminToken))).toEqual(["NOT_FOUND"]);
    expect((await app.database.dataSource.getRepository(User).findOneByOrFail({ id: staff.id })).disabled).toBe(false);
  });
});
