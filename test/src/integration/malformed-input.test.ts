import { Group, User } from "@atrium/schema";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTenantWithPeople, type TenantFixture } from "../fixtures/factories.js";
import { errorCodes, startTestApp, type TestApp } from "../fixtures/test-app.js";

// Malformed ids and NUL bytes are bad input, answered before any database sees them (PostgreSQL refuses both with
// an error of its own, which used to come back as INTERNAL_SERVER_ERROR).
let app: TestApp;
let acme: TenantFixture;

beforeAll(async () => {
  app = await startTestApp();
  acme = await createTenantWithPeople(app, "acme");
});

afterAll(async () => {
  await app?.close();
});

const MALFORMED = ["not-a-uuid", "", "1", "00000000-0000-0000-0000-00000000000g", "' OR 1=1 --", "x".repeat(5000)];

describe("malformed ids and NUL bytes", () => {
  it("an id argument that is not a UUID is NOT_FOUND, like an unknown id, in reads and writes", async () => {
    for (const id of MALFORMED) {
      const read = await app.gql(`query($id: ID!) { user(id: $id) { id } }`, { id }, acme.adminToken);
      const write = await app.gql(
        `mutation($id: ID!) { updateGroup(id: $id, input: { name: "x" }) { id } }`,
        { id },
        acme.adminToken,
      );
      expect([...errorCodes(read), ...errorCodes(write)]).toEqual(["NOT_FOUND", "NOT_FOUND"]);
    }
  });

  it("ids inside inputs and lists are checked too", async () => {
    const result = await app.gql(
      `mutation($ids: [ID!]!, $idp: ID) {
        createAssignmentRule(input: { effect: ALLOW, position: 1, locationIds: $ids, identityProviderId: $idp }) { id }
      }`,
      { ids: ["not-a-uuid"], idp: null },
      acme.adminToken,
    );
    expect(errorCodes(result)).toEqual(["NOT_FOUND"]);
    expect(result.errors?.[0]?.extensions?.field).toBe("input.locationIds[0]");
  });

  it("a NUL byte in any string is BAD_USER_INPUT and stores nothing", async () => {
    const groups = await app.database.dataSource.getRepository(Group).count();
    const users = await app.database.dataSource.getRepository(User).count();
    const group = await app.gql(
      `mutation($name: String!) { createGroup(input: { name: $name }) { id } }`,
      {
        name: "eng\u0000ineers",
      },
      acme.adminToken,
    );
    const signIn = await app.gql(
      `mutation($u: String!) { signInWithPassword(input: { username: $u, password: "demo", tenant: "acme" }) { __typename } }`,
      { u: "admin\u0000" },
    );
    expect([...errorCodes(group), ...errorCodes(signIn)]).toEqual(["BAD_USER_INPUT", "BAD_USER_INPUT"]);
    expect(JSON.stringify([group, signIn])).not.toMatch(/invalid byte|0x00|QueryFailed|syntax/i);
    expect(await app.database.dataSource.getRepository(Group).count()).toBe(groups);
    expect(await app.database.dataSource.getRepository(User).count()).toBe(users);
  });
});
