import { AuditEvent } from "@atrium/schema";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMspAdmin, createTenantWithPeople, type TenantFixture } from "../fixtures/factories.js";
import { dataOf, startTestApp, type TestApp } from "../fixtures/test-app.js";

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

async function mutate(query: string, token: string, requestId: string) {
  return dataOf(await app.gql<Record<string, { id?: string }>>(query, {}, token, { "x-request-id": requestId }));
}

const eventFor = (requestId: string) => app.database.dataSource.getRepository(AuditEvent).findBy({ requestId });

describe("audit trail", () => {
  it("records who did what, in which tenant, with the request id and redacted secrets", async () => {
    const created = await mutate(
      `mutation { createUser(input: { username: "newhire", password: "Secret-Pass-123", role: TENANT_HELPDESK }) { id } }`,
      acme.adminToken,
      "req-create-user",
    );
    const [event] = await eventFor("req-create-user");
    expect(event).toMatchObject({
      tenantId: acme.tenant.id,
      actorType: "user",
      actorName: "admin",
      action: "createUser",
      targetType: "User",
      targetId: created.createUser!.id,
    });
    expect(JSON.stringify(event)).not.toContain("Secret-Pass-123");
    expect(event!.after).toMatchObject({ username: "newhire", role: "tenant_helpdesk", passwordHash: "[redacted]" });
  });

  it("keeps before and after of an update", async () => {
    await mutate(`mutation { createGroup(input: { name: "finance" }) { id } }`, acme.adminToken, "req-group");
    const [group] = await eventFor("req-group");
    await mutate(
      `mutation { updateGroup(id: "${group!.targetId}", input: { name: "finance-emea" }) { id } }`,
      acme.adminToken,
      "req-rename",
    );
    const [rename] = await eventFor("req-rename");
    expect(rename!.before).toMatchObject({ name: "finance" });
    expect(rename!.after).toMatchObject({ name: "finance-emea" });
  });

  it("MSP actions are recorded without a tenant, cloud passwords redacted", async () => {
    await mutate(
      `mutation { createCloud(input: { name: "vhi-east", authUrl: "https://vhi.example.test:5000/v3", domainName: "Default",
         projectName: "admin", username: "svc", password: "cloud-pass-1" }) { id } }`,
      msp,
      "req-cloud",
    );
    const [event] = await eventFor("req-cloud");
    expect(event).toMatchObject({ tenantId: null, action: "createCloud", actorName: "msp-admin" });
    expect(JSON.stringify(event)).not.toContain("cloud-pass-1");
  });

  it("a mutation that changes nothing because it failed records nothing", async () => {
    const result = await app.gql(
      `mutation { deleteUser(id: "00000000-0000-4000-8000-000000000000") { id } }`,
      {},
      acme.adminToken,
      { "x-request-id": "req-failed" },
    );
    expect(result.errors).toHaveLength(1);
    expect(await eventFor("req-failed")).toEqual([]);
  });

  it("tenant admins read their audit log newest first with stable paging", async () => {
    const first = dataOf(
      await app.gql<{
        auditEvents: { nodes: { action: string }[]; pageInfo: { endCursor: string; hasNextPage: boolean } };
      }>(`{ auditEvents(first: 2) { nodes { action } pageInfo { endCursor hasNextPage } } }`, {}, acme.adminToken),
    );
    expect(first.auditEvents.nodes[0]!.action).toBe("updateGroup");
    const seen = new Set<string>();
    let after: string | null = null;
    do {
      const page: {
        auditEvents: {
          edges: { node: { id: string } }[];
          pageInfo: { endCursor: string | null; hasNextPage: boolean };
        };
      } = dataOf(
        await app.gql(
          `query($after: String) { auditEvents(first: 2, after: $after) { edges { node { id } } pageInfo { endCursor hasNextPage } } }`,
          { after },
          acme.adminToken,
        ),
      );
      for (const edge of page.auditEvents.edges) {
        expect(seen.has(edge.node.id)).toBe(false);
        seen.add(edge.node.id);
      }
      after = page.auditEvents.pageInfo.hasNextPage ? page.auditEvents.pageInfo.endCursor : null;
    } while (after);
    const total = await app.database.dataSource.getRepository(AuditEvent).countBy({ tenantId: acme.tenant.id });
    expect(seen.size).toBe(total);
  });
});
