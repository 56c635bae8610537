import { Tenant, User } from "@atrium/schema";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMspAdmin, createTenantWithPeople, type TenantFixture } from "../fixtures/factories.js";
import { errorCodes, startTestApp, type TestApp } from "../fixtures/test-app.js";

let app: TestApp;
let acme: TenantFixture;
let msp: string;

beforeAll(async () => {
  app = await startTestApp();
  acme = await createTenantWithPeople(app, "acme");
  msp = await createMspAdmin(app);
});

afterAll(async () => {
  await app?.close();
});

const countUsers = () => app.database.dataSource.getRepository(User).count();

describe("bad input gets a typed error and changes nothing", () => {
  it("wrong types are rejected before anything runs", async () => {
    const result = await app.gql(
      `mutation { createUser(input: { username: 42, role: TENANT_USER }) { id } }`,
      {},
      acme.adminToken,
    );
    expect(errorCodes(result)).toEqual(["GRAPHQL_VALIDATION_FAILED"]);
    const viaVariables = await app.gql(
      `query($first: Int!) { users(first: $first) { totalCount } }`,
      { first: "many" },
      acme.adminToken,
    );
    expect(errorCodes(viaVariables)).toEqual(["BAD_USER_INPUT"]);
  });

  it("missing required fields are rejected", async () => {
    const result = await app.gql(`mutation { createTenant(input: { name: "No slug" }) { id } }`, {}, msp);
    expect(errorCodes(result)).toEqual(["GRAPHQL_VALIDATION_FAILED"]);
    expect(await app.database.dataSource.getRepository(Tenant).countBy({ name: "No slug" })).toBe(0);
  });

  it("values that break the rules name the fields at fault", async () => {
    const before = await countUsers();
    const result = await app.gql(
      `mutation { createUser(input: { username: "has space", email: "not-an-email", password: "short", role: TENANT_USER }) { id } }`,
      {},
      acme.adminToken,
    );
    expect(errorCodes(result)).toEqual(["BAD_USER_INPUT"]);
    const fields = ((result.errors?.[0]?.extensions?.fields ?? []) as { field: string }[]).map((f) => f.field).sort();
    expect(fields).toEqual(["email", "password", "username"]);
    expect(await countUsers()).toBe(before);
  });

  it("oversized strings are rejected", async () => {
    const result = await app.gql(
      `mutation($name: String!) { createGroup(input: { name: $name }) { id } }`,
      { name: "x".repeat(10_000) },
      acme.adminToken,
    );
    expect(errorCodes(result)).toEqual(["BAD_USER_INPUT"]);
    const slug = await app.gql(
      `mutation { createTenant(input: { name: "Bad", slug: "Not A Slug!" }) { id } }`,
      {},
      msp,
    );
    expect(errorCodes(slug)).toEqual(["BAD_USER_INPUT"]);
  });

  it("explicit nulls cannot blank required fields in updates", async () => {
    const result = await app.gql(
      `mutation($id: ID!) { updateTenant(id: $id, input: { name: null }) { id } }`,
      { id: acme.tenant.id },
      msp,
    );
    expect(errorCodes(result)).toEqual(["BAD_USER_INPUT"]);
    expect((await app.database.dataSource.getRepository(Tenant).findOneByOrFail({ id: acme.tenant.id })).name).toBe(
      acme.tenant.name,
    );
  });

  it("a closed set takes only its enum names: stored values, unknown names and strings are typed errors", async () => {
    const before = await countUsers();
    const createUser = `mutation($input: CreateUserInput!) { createUser(input: $input) { id } }`;
    // The database's value for the role is not a name of the GraphQL enum.
    const stored = await app.gql(createUser, { input: { username: "enum-1", role: "tenant_user" } }, acme.adminToken);
    expect(errorCodes(stored)).toEqual(["BAD_USER_INPUT"]);
    expect(JSON.stringify(stored.errors)).not.toMatch(/at \w+ \(|node_modules|\.ts:\d+|stacktrace/);
    const unknown = await app.gql(createUser, { input: { username: "enum-2", role: "TENANT_OWNER" } }, acme.adminToken);
    expect(errorCodes(unknown)).toEqual(["BAD_USER_INPUT"]);
    // In a list and in a filter, through variables.
    const location = await app.gql(
      `mutation($input: CreateLocationInput!) { createLocation(input: $input) { id } }`,
      { input: { name: "Office", cidrs: ["10.0.0.0/8"], clientKinds: ["WEB", "web"] } },
      acme.adminToken,
    );
    expect(errorCodes(location)).toEqual(["BAD_USER_INPUT"]);
    const filter = await app.gql(
      `query($availability: DesktopAvailability) { desktops(filter: { availability: $availability }) { totalCount } }`,
      { availability: "available" },
      acme.adminToken,
    );
    expect(errorCodes(filter)).toEqual(["BAD_USER_INPUT"]);
    // Written into the document, an unknown name or a quoted one fails validation before anything runs.
    for (const role of ["TENANT_OWNER", '"TENANT_USER"']) {
      const inline = await app.gql(
        `mutation { createUser(input: { username: "enum-3", role: ${role} }) { id } }`,
        {},
        acme.adminToken,
      );
      expect(errorCodes(inline)).toEqual(["GRAPHQL_VALIDATION_FAILED"]);
    }
    expect(await countUsers()).toBe(before);
    const created = await app.gql(createUser, { input: { username: "enum-4", role: "TENANT_USER" } }, acme.adminToken);
    expect(errorCodes(created)).toEqual([]);
  });

  it("unknown and malformed ids are NOT_FOUND", async () => {
    for (const id of ["00000000-0000-4000-8000-000000000000", "not-a-uuid", "' OR 1=1 --"]) {
      const result = await app.gql(`query($id: ID!) { user(id: $id) { id } }`, { id }, acme.adminToken);
      expect(errorCodes(result)).toEqual(["NOT_FOUND"]);
    }
  });

  it("duplicates are CONFLICT", async () => {
    const create = `mutation { createUser(input: { username: "dup", role: TENANT_USER }) { id } }`;
    await app.gql(create, {}, acme.adminToken);
    expect(errorCodes(await app.gql(create, {}, acme.adminToken))).toEqual(["CONFLICT"]);
    const tenant = await app.gql(`mutation { createTenant(input: { name: "Again", slug: "acme" }) { id } }`, {}, msp);
    expect(errorCodes(tenant)).toEqual(["CONFLICT"]);
  });

  it("unknown cursors and page sizes out of range are BAD_USER_INPUT", async () => {
    expect(errorCodes(await app.gql(`{ users(after: "garbage") { totalCount } }`, {}, acme.adminToken))).toEqual([
      "BAD_USER_INPUT",
    ]);
    const tooMany = `query($first: Int) { users(first: $first) { totalCount } }`;
    expect(errorCodes(await app.gql(tooMany, { first: 100_000 }, acme.adminToken))).toEqual(["BAD_USER_INPUT"]);
    // Written into the document, the same page size is refused earlier, by the query cost limit.
    expect(errorCodes(await app.gql(`{ users(first: 100000) { totalCount } }`, {}, acme.adminToken))).toEqual([
      "GRAPHQL_VALIDATION_FAILED",
    ]);
  });

  it("no credentials means UNAUTHENTICATED; a malformed header too", async () => {
    expect(errorCodes(await app.gql(`{ users { totalCount } }`))).toEqual(["UNAUTHENTICATED"]);
    expect(
      errorCodes(await app.gql(`{ users { totalCount } }`, {}, undefined, { authorization: "Basic abc" })),
    ).toEqual(["UNAUTHENTICATED"]);
  });

  it("malformed bodies get a typed answer without internals", async () => {
    const response = await fetch(app.url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{ not json",
    });
    const text = await response.text();
    expect(response.status).toBe(400);
    expect(JSON.parse(text)).toEqual({
      errors: [{ message: "Malformed request", extensions: { code: "BAD_REQUEST" } }],
    });
    expect(text).not.toMatch(/at \w+ \(|node_modules|\.ts:\d+/);
  });
});
