import { auditBypasses } from "@atrium/api";
import { User } from "@atrium/schema";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMspAdmin } from "../fixtures/factories.js";
import { dataOf, startTestApp, type TestApp } from "../fixtures/test-app.js";

// Every opening of the MSP-wide door past tenant scoping (`acrossTenants`) leaves a record: the reason it names,
// who opened it (a user, an API key, or the part of the system by name) and the request it belongs to.
interface BypassRecord {
  audit: string;
  reason: string;
  actor: string;
  requestId?: string;
}

let app: TestApp;
let records: BypassRecord[] = [];
let token = "";

beforeAll(async () => {
  app = await startTestApp();
  const record = (entry: object) => {
    if ((entry as BypassRecord).audit === "across_tenants") records.push(entry as BypassRecord);
  };
  auditBypasses(app.database.dataSource, { debug: record, info: record, warn: record, error: record });
  token = await createMspAdmin(app, "auditor");
});
afterAll(() => app.close());

describe("the MSP-wide bypass", () => {
  it("records its reason, the signed-in user who opened it and their request", async () => {
    const auditor = await app.database.dataSource.getRepository(User).findOneByOrFail({ username: "auditor" });
    records = [];
    dataOf(
      await app.gql("{ mspAuditEvents(first: 5) { nodes { id } } }", {}, token, { "x-request-id": "bypass-req-1" }),
    );
    expect(records).toContainEqual({
      audit: "across_tenants",
      reason: "MSP audit log: every tenant's events",
      actor: `user:${auditor.id}`,
      requestId: "bypass-req-1",
    });
  });

  it("records the part of the system that opened it before anyone is signed in, with the request", async () => {
    records = [];
    await app.gql("{ me { id } }", {}, token, { "x-request-id": "bypass-req-2" });
    expect(records).toContainEqual({
      audit: "across_tenants",
      reason: "authentication: a credential names its key or session in any tenant",
      actor: "system:authentication",
      requestId: "bypass-req-2",
    });
  });
});
