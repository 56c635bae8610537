import { Pool } from "@atrium/schema";
import { DEFAULT_SEED_IDS } from "@atrium/simulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dataOf, errorCodes } from "../fixtures/test-app.js";
import { allReady } from "./provisioning.harness.js";
import {
  type GraphqlProvisioningRig,
  POOL_FIELDS,
  poolInput,
  startGraphqlProvisioningRig,
} from "./provisioning-graphql.harness.js";

// Pool mutations through the real HTTP GraphQL endpoint of the API, with the VHI simulator as the cloud the
// inventory checks ask; the pool controller runs where a mutation only takes effect on its next pass (drain).
let rig: GraphqlProvisioningRig;

beforeAll(async () => {
  rig = await startGraphqlProvisioningRig();
});

afterAll(async () => {
  await rig?.close();
});

type PoolView = { id: string; name: string; status: string; statusReason: string | null } & Record<string, unknown>;

const CREATE = `mutation($input: CreatePoolInput!) { createPool(input: $input) { ${POOL_FIELDS} } }`;
const UPDATE = `mutation($id: ID!, $input: UpdatePoolInput!) { updatePool(id: $id, input: $input) { ${POOL_FIELDS} } }`;
const statusMutation = (name: string) => `mutation($id: ID!) { ${name}(id: $id) { id status statusReason } }`;

async function createPool(overrides: Record<string, unknown> = {}, token = rig.adminToken): Promise<PoolView> {
  const result = await rig.app.gql<{ createPool: PoolView }>(CREATE, { input: poolInput(rig, overrides) }, token);
  return dataOf(result).createPool;
}

const poolCount = () => rig.app.database.dataSource.getRepository(Pool).countBy({ tenantId: rig.tenant.id });

/** The typed error of a refused mutation: its code and the field the portal should highlight. */
function refusal(result: { errors?: { extensions?: Record<string, unknown> }[] }) {
  const [error] = result.errors ?? [];
  return { code: error?.extensions?.code, field: error?.extensions?.field };
}

describe("pool mutations", () => {
  it("creates a pool with defaults, empty counts and an audit row", async () => {
    const pool = await createPool({
      name: "create",
      schedule: [{ days: ["MON"], start: "08:00", end: "18:00", minAvailable: 4 }],
    });
    expect(pool).toMatchObject({
      name: "create",
      status: "ACTIVE",
      statusReason: null,
      provisioningState: "IDLE",
      minTotal: 0,
      maxTotal: 10,
      minAvailable: 2,
      schedule: [{ days: ["MON"], start: "08:00", end: "18:00", minAvailable: 4 }],
      desktopCounts: { total: 0, provisioning: 0, available: 0, assigned: 0, unavailable: 0, deleting: 0, failed: 0 },
    });
    const [audit] = await rig.audit("createPool", pool.id);
    expect(audit).toMatchObject({ tenantId: rig.tenant.id, actorName: "admin", targetType: "Pool" });
    expect(audit!.after).toMatchObject({ name: "create", minAvailable: 2 });
  });

  it("updates only the fields sent, re-checking the inventory, and audits before and after", async () => {
    const pool = await createPool({ name: "update" });
    const result = await rig.app.gql<{ updatePool: PoolView }>(
      UPDATE,
      { id: pool.id, input: { name: "update-renamed", minAvailable: 3, flavorRef: "vdi.gpu" } },
      rig.adminToken,
    );
    expect(dataOf(result).updatePool).toMatchObject({
      name: "update-renamed",
      minAvailable: 3,
      flavorRef: "vdi.gpu",
      namePattern: "{TENANT}-{POOL}-{SEQ:3}",
      maxTotal: 10,
    });
    const [audit] = await rig.audit("updatePool", pool.id);
    expect(audit!.before).toMatchObject({ name: "update", minAvailable: 2, flavorRef: "vdi.standard" });
    expect(audit!.after).toMatchObject({ name: "update-renamed", minAvailable: 3, flavorRef: "vdi.gpu" });
  });

  it("pauses and resumes; repeating either changes and audits nothing", async () => {
    const pool = await createPool({ name: "pause" });
    const paused = await rig.app.gql<{ pausePool: PoolView }>(
      statusMutation("pausePool"),
      { id: pool.id },
      rig.adminToken,
    );
    expect(dataOf(paused).pausePool).toMatchObject({ status: "PAUSED", statusReason: "Paused by admin" });
    await rig.app.gql(statusMutation("pausePool"), { id: pool.id }, rig.adminToken);
    expect(await rig.audit("pausePool", pool.id)).toHaveLength(1);
    const resumed = await rig.app.gql<{ resumePool: PoolView }>(
      statusMutation("resumePool"),
      { id: pool.id },
      rig.adminToken,
    );
    expect(dataOf(resumed).resumePool).toMatchObject({ status: "ACTIVE", statusReason: null });
    await rig.app.gql(statusMutation("resumePool"), { id: pool.id }, rig.adminToken);
    expect(await rig.audit("resumePool", pool.id)).toHaveLength(1);
  });

  it("deletes by draining: desktops go first, then the pool; a draining pool refuses changes", async () => {
    const pool = await createPool({ name: "drain", minAvailable: 2 });
    const controller = rig.controller();
    await rig.converge(controller, pool.id, allReady(rig, pool.id, 2));
    const deleted = await rig.app.gql<{ deletePool: PoolView }>(
      statusMutation("deletePool"),
      { id: pool.id },
      rig.adminToken,
    );
    expect(dataOf(deleted).deletePool).toMatchObject({
      status: "DRAINING",
      statusReason: "Deleting (requested by admin)",
    });
    for (const mutation of ["pausePool", "resumePool"]) {
      expect(errorCodes(await rig.app.gql(statusMutation(mutation), { id: pool.id }, rig.adminToken))).toEqual([
        "CONFLICT",
      ]);
    }
    const update = await rig.app.gql(UPDATE, { id: pool.id, input: { minAvailable: 5 } }, rig.adminToken);
    expect(errorCodes(update)).toEqual(["CONFLICT"]);
    expect((await rig.pool(pool.id))?.minAvailable).toBe(2);
    await rig.converge(controller, pool.id, async () => (await rig.pool(pool.id)) === null);
    expect(rig.servers(pool.id)).toHaveLength(0);
    expect(await rig.desktops(pool.id)).toHaveLength(0);
    expect(
      errorCodes(await rig.app.gql(`query($id: ID!) { pool(id: $id) { id } }`, { id: pool.id }, rig.adminToken)),
    ).toEqual(["NOT_FOUND"]);
  });

  it("refuses a duplicate name on create and on rename with CONFLICT", async () => {
    const first = await createPool({ name: "dup-a" });
    await createPool({ name: "dup-b" });
    const before = await poolCount();
    const again = await rig.app.gql(CREATE, { input: poolInput(rig, { name: "dup-a" }) }, rig.adminToken);
    expect(errorCodes(again)).toEqual(["CONFLICT"]);
    expect(await poolCount()).toBe(before);
    const rename = await rig.app.gql(UPDATE, { id: first.id, input: { name: "dup-b" } }, rig.adminToken);
    expect(errorCodes(rename)).toEqual(["CONFLICT"]);
    expect((await rig.pool(first.id))?.name).toBe("dup-a");
  });
});

describe("pool input validation", () => {
  const badCreates: [string, Record<string, unknown>, string][] = [
    ["a name pattern without {SEQ}", { namePattern: "{TENANT}-desk" }, "namePattern"],
    ["a name pattern that is no hostname", { namePattern: "desk_{SEQ}" }, "namePattern"],
    [
      "a Windows name longer than 15 characters",
      { namePattern: "{TENANT}-{POOL}-desktop-{SEQ:4}", userDataKind: "CLOUDBASE_INIT" },
      "namePattern",
    ],
    ["minTotal above maxTotal", { minTotal: 5, maxTotal: 3 }, "minTotal"],
    ["minAvailable above maxTotal", { minAvailable: 5, maxTotal: 3 }, "minAvailable"],
    ["a schedule window without days", { schedule: [{ days: [], start: "08:00", end: "18:00" }] }, "schedule"],
    ["a schedule window with a bad time", { schedule: [{ days: ["MON"], start: "8am", end: "18:00" }] }, "schedule"],
    [
      "a schedule window above maxTotal",
      { maxTotal: 4, schedule: [{ days: ["MON"], start: "08:00", end: "18:00", minAvailable: 9 }] },
      "schedule",
    ],
    ["an unknown time zone", { timeZone: "Mars/Olympus" }, "timeZone"],
    ["an image the cloud does not have", { imageRef: "00000000-0000-4000-8000-000000000000" }, "imageRef"],
    ["a flavor the cloud does not have", { flavorRef: "vdi.huge" }, "flavorRef"],
    ["another tenant's network", { networkIds: [DEFAULT_SEED_IDS.networks.globex] }, "networkIds"],
    ["an unknown storage policy", { bootVolumeGb: 64, storagePolicy: "gold" }, "storagePolicy"],
    ["a boot volume smaller than the image", { bootVolumeGb: 10 }, "bootVolumeGb"],
  ];

  it.each(badCreates)(
    "refuses %s with BAD_USER_INPUT on that field and creates nothing",
    async (_what, overrides, field) => {
      const before = await poolCount();
      const result = await rig.app.gql(
        CREATE,
        { input: poolInput(rig, { name: "bad", ...overrides }) },
        rig.adminToken,
      );
      expect(refusal(result)).toEqual({ code: "BAD_USER_INPUT", field });
      expect(await poolCount()).toBe(before);
    },
  );

  it("refuses a day that is not a Weekday name before validation runs, and creates nothing", async () => {
    const before = await poolCount();
    for (const day of ["xyz", "mon"]) {
      const schedule = [{ days: [day], start: "08:00", end: "18:00" }];
      const result = await rig.app.gql(CREATE, { input: poolInput(rig, { name: "bad", schedule }) }, rig.adminToken);
      expect(errorCodes(result)).toEqual(["BAD_USER_INPUT"]);
    }
    expect(await poolCount()).toBe(before);
  });

  it("reports class-validator failures with the failing fields", async () => {
    const before = await poolCount();
    const result = await rig.app.gql(CREATE, { input: poolInput(rig, { name: "", maxTotal: -1 }) }, rig.adminToken);
    expect(errorCodes(result)).toEqual(["BAD_USER_INPUT"]);
    const fields = ((result.errors?.[0]?.extensions?.fields ?? []) as { field: string }[]).map((f) => f.field).sort();
    expect(fields).toEqual(["maxTotal", "name"]);
    expect(await poolCount()).toBe(before);
  });

  it("keeps the gateway's desktop sign-in write-only: sealed at rest, redacted in the audit, kept on rename", async () => {
    const pool = await createPool({ name: "login" });
    const LOGIN = `mutation($id: ID!, $input: UpdatePoolInput!) {
      updatePool(id: $id, input: $input) { desktopLogin { username passwordSet privateKeySet } } }`;
    const set = await rig.app.gql<{ updatePool: { desktopLogin: Record<string, unknown> } }>(
      LOGIN,
      { id: pool.id, input: { desktopLogin: { username: "vdi", password: "S3cret-desk" } } },
      rig.adminToken,
    );
    expect(dataOf(set).updatePool.desktopLogin).toEqual({ username: "vdi", passwordSet: true, privateKeySet: false });
    const stored = await rig.app.database.dataSource.getRepository(Pool).findOneByOrFail({ id: pool.id });
    expect(JSON.stringify(stored.desktopLogin)).not.toContain("S3cret-desk");
    const [audit] = await rig.audit("updatePool", pool.id);
    expect(JSON.stringify(audit)).not.toContain(stored.desktopLogin!.passwordEnc!);
    expect(audit!.after).toMatchObject({ desktopLogin: { username: "vdi", passwordEnc: "[redacted]" } });

    const renamed = await rig.app.gql<{ updatePool: { desktopLogin: Record<string, unknown> } }>(
      LOGIN,
      { id: pool.id, input: { desktopLogin: { username: "vdi" }, name: "login-2" } },
      rig.adminToken,
    );
    expect(dataOf(renamed).updatePool.desktopLogin).toMatchObject({ passwordSet: true });
    for (const [desktopLogin, field] of [
      [{ username: "other" }, "desktopLogin.password"],
      [{ username: "vdi", privateKey: "not a key" }, "desktopLogin"],
    ] as const) {
      const refused = await rig.app.gql(LOGIN, { id: pool.id, input: { desktopLogin } }, rig.adminToken);
      expect(errorCodes(refused)).toEqual(["BAD_USER_INPUT"]);
      expect(JSON.stringify(refused.errors)).toContain(field);
    }
    const after = await rig.app.database.dataSource.getRepository(Pool).findOneByOrFail({ id: pool.id });
    expect(after.desktopLogin).toEqual(stored.desktopLogin);
  });

  it("checks an update merged with the stored pool and leaves the pool unchanged when refused", async () => {
    const pool = await createPool({ name: "guarded", minTotal: 2, maxTotal: 6 });
    const stored = await rig.pool(pool.id);
    const updates: [Record<string, unknown>, string][] = [
      [{ maxTotal: 1 }, "minTotal"],
      [{ namePattern: "no-seq" }, "namePattern"],
      [{ schedule: [{ days: ["SUN"], start: "10:00", end: "10:00" }] }, "schedule"],
      [{ imageRef: "00000000-0000-4000-8000-000000000000" }, "imageRef"],
      [{ networkIds: [DEFAULT_SEED_IDS.networks.globex] }, "networkIds"],
    ];
    for (const [input, field] of updates) {
      const result = await rig.app.gql(UPDATE, { id: pool.id, input }, rig.adminToken);
      expect(refusal(result), JSON.stringify(input)).toEqual({ code: "BAD_USER_INPUT", field });
    }
    const nulled = await rig.app.gql(UPDATE, { id: pool.id, input: { maxTotal: null } }, rig.adminToken);
    expect(errorCodes(nulled)).toEqual(["BAD_USER_INPUT"]);
    expect(await rig.pool(pool.id)).toEqual(stored);
    expect(await rig.audit("updatePool", pool.id)).toHaveLength(0);
  });
});

describe("pool permissions and tenancy", () => {
  it("refuses every pool write to helpdesk and end users, changing nothing", async () => {
    const pool = await createPool({ name: "perm" });
    const stored = await rig.pool(pool.id);
    for (const token of [rig.helpdeskToken, rig.userToken]) {
      const create = await rig.app.gql(CREATE, { input: poolInput(rig, { name: "perm-2" }) }, token);
      expect(errorCodes(create)).toEqual(["FORBIDDEN"]);
      const update = await rig.app.gql(UPDATE, { id: pool.id, input: { minAvailable: 1 } }, token);
      expect(errorCodes(update)).toEqual(["FORBIDDEN"]);
      for (const mutation of ["pausePool", "resumePool", "deletePool"]) {
        expect(errorCodes(await rig.app.gql(statusMutation(mutation), { id: pool.id }, token)), mutation).toEqual([
          "FORBIDDEN",
        ]);
      }
    }
    // Helpdesk still reads pools and their progress.
    const read = await rig.app.gql<{ pool: PoolView }>(
      `query($id: ID!) { pool(id: $id) { id desktopCounts { total } } }`,
      { id: pool.id },
      rig.helpdeskToken,
    );
    expect(dataOf(read).pool.id).toBe(pool.id);
    expect(await rig.pool(pool.id)).toEqual(stored);
    expect(await rig.audit("pausePool", pool.id)).toHaveLength(0);
  });

  it("answers NOT_FOUND to another tenant's admin using acme's pool id, and acme's pool is unchanged", async () => {
    const pool = await createPool({ name: "foreign" });
    const stored = await rig.pool(pool.id);
    const token = rig.globex.adminToken;
    const attempts = [
      rig.app.gql(`query($id: ID!) { pool(id: $id) { id } }`, { id: pool.id }, token),
      rig.app.gql(`query($id: ID!) { poolEvents(poolId: $id) { edges { node { id } } } }`, { id: pool.id }, token),
      rig.app.gql(UPDATE, { id: pool.id, input: { minAvailable: 7 } }, token),
      rig.app.gql(statusMutation("pausePool"), { id: pool.id }, token),
      rig.app.gql(statusMutation("resumePool"), { id: pool.id }, token),
      rig.app.gql(statusMutation("deletePool"), { id: pool.id }, token),
    ];
    for (const result of await Promise.all(attempts)) expect(errorCodes(result)).toEqual(["NOT_FOUND"]);
    const listed = await rig.app.gql<{ pools: { edges: { node: { id: string } }[] } }>(
      `{ pools { edges { node { id } } } }`,
      {},
      token,
    );
    expect(dataOf(listed).pools.edges.map((edge) => edge.node.id)).not.toContain(pool.id);
    expect(await rig.pool(pool.id)).toEqual(stored);
  });

  it("lets tenant B create its own pool of the same name on its own network", async () => {
    await createPool({ name: "shared-name" });
    const result = await rig.app.gql<{ createPool: PoolView }>(
      CREATE,
      { input: poolInput(rig, { name: "shared-name", networkIds: [DEFAULT_SEED_IDS.networks.globex] }) },
      rig.globex.adminToken,
    );
    expect(dataOf(result).createPool.name).toBe("shared-name");
    const acmeNetwork = await rig.app.gql(
      CREATE,
      { input: poolInput(rig, { name: "stolen-net", networkIds: [DEFAULT_SEED_IDS.networks.acme] }) },
      rig.globex.adminToken,
    );
    expect(refusal(acmeNetwork)).toEqual({ code: "BAD_USER_INPUT", field: "networkIds" });
  });
});
