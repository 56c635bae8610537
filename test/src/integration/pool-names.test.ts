import { Pool } from "@atrium/schema";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dataOf, errorCodes } from "../fixtures/test-app.js";
import { allReady } from "./provisioning.harness.js";
import { type GraphqlProvisioningRig, poolInput, startGraphqlProvisioningRig } from "./provisioning-graphql.harness.js";

// Issue 14, item 7: two pools of one tenant both named their desktops {TENANT}-{SEQ:3}, numbered per pool, so the
// cloud (and Active Directory after the join) got the same host name twice.
let rig: GraphqlProvisioningRig;

beforeAll(async () => {
  rig = await startGraphqlProvisioningRig();
});

afterAll(async () => {
  await rig?.close();
});

const CREATE = "mutation($input: CreatePoolInput!) { createPool(input: $input) { id name namePattern } }";
const UPDATE = "mutation($id: ID!, $input: UpdatePoolInput!) { updatePool(id: $id, input: $input) { id } }";

function refusal(result: { errors?: { message: string; extensions?: Record<string, unknown> }[] }) {
  const [error] = result.errors ?? [];
  return { code: error?.extensions?.code, field: error?.extensions?.field, message: error?.message };
}

describe("desktop names are unique in the tenant", () => {
  it("refuses a pattern that can give another pool's names, on create and on update", async () => {
    const first = await rig.app.gql<{ createPool: { id: string } }>(
      CREATE,
      { input: poolInput(rig, { name: "sales", namePattern: "{TENANT}-{SEQ:3}" }) },
      rig.adminToken,
    );
    dataOf(first);
    for (const namePattern of ["{TENANT}-{SEQ:3}", "{TENANT}-{SEQ}", "{TENANT}-1{SEQ:2}", "ACME-{SEQ:4}"]) {
      const clash = await rig.app.gql(CREATE, { input: poolInput(rig, { name: "eng", namePattern }) }, rig.adminToken);
      expect(refusal(clash)).toMatchObject({ code: "BAD_USER_INPUT", field: "namePattern" });
      expect(refusal(clash).message).toMatch(/same desktop names as pool "sales"/);
    }
    const other = await rig.app.gql<{ createPool: { id: string } }>(
      CREATE,
      { input: poolInput(rig, { name: "eng", namePattern: "{TENANT}-{POOL}-{SEQ:3}" }) },
      rig.adminToken,
    );
    const eng = dataOf(other).createPool;
    const renamed = await rig.app.gql(
      UPDATE,
      { id: eng.id, input: { namePattern: "{TENANT}-{SEQ:2}" } },
      rig.adminToken,
    );
    expect(refusal(renamed)).toMatchObject({ code: "BAD_USER_INPUT", field: "namePattern" });
    expect((await rig.pool(eng.id))?.namePattern).toBe("{TENANT}-{POOL}-{SEQ:3}");
  });

  it("keeps host names within 15 characters (NetBIOS) when the pool joins a domain", async () => {
    // A Linux guest (cloud-init) joining AD: its computer account carries the NetBIOS name too.
    const domainJoin = { domain: "corp.example", username: "joiner", password: "s3cret!" };
    const long = await rig.app.gql(
      CREATE,
      {
        input: poolInput(rig, {
          name: "joined-ad",
          namePattern: "{TENANT}-{POOL}-{SEQ:3}",
          userDataKind: "CLOUD_INIT",
          domainJoin,
        }),
      },
      rig.adminToken,
    );
    expect(refusal(long)).toMatchObject({ code: "BAD_USER_INPUT", field: "namePattern" });
    const short = await rig.app.gql(
      CREATE,
      {
        input: poolInput(rig, {
          name: "joined",
          namePattern: "{TENANT}-j{SEQ:3}",
          userDataKind: "CLOUD_INIT",
          domainJoin,
        }),
      },
      rig.adminToken,
    );
    expect(errorCodes(short)).toEqual([]);
  });

  it("never hands out a name another pool's desktop holds, even for pools whose patterns already collide", async () => {
    // Pools from before the check: both patterns give acme-l001, acme-l002, …
    const a = await rig.createPool({ name: "legacy-a", namePattern: "{TENANT}-l{SEQ:3}", minAvailable: 2 });
    const b = await rig.createPool({ name: "legacy-b", namePattern: "{TENANT}-l{SEQ:3}", minAvailable: 2 });
    const controller = rig.controller();
    await rig.converge(controller, a.id, allReady(rig, a.id, 2));
    await rig.converge(controller, b.id, allReady(rig, b.id, 2));
    const names = [...(await rig.desktops(a.id)), ...(await rig.desktops(b.id))].map((d) => d.name);
    expect(new Set(names).size).toBe(4);
    expect(names.sort()).toEqual(["acme-l001", "acme-l002", "acme-l003", "acme-l004"]);
    const serverNames = [...rig.servers(a.id), ...rig.servers(b.id)].map((s) => s.name);
    expect(new Set(serverNames).size).toBe(4);
    expect((await rig.app.database.dataSource.getRepository(Pool).findOneByOrFail({ id: b.id })).nextSeq).toBe(5);
  });
});
