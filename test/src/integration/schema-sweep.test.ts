import { DesktopSession } from "@atrium/schema";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createCloud,
  createDesktops,
  createMspAdmin,
  createPool,
  createTenantWithPeople,
  createUser,
  signIn,
  type TenantFixture,
} from "../fixtures/factories.js";
import { type IdKind, MSP_KINDS, planSweep, type SweepRequest, servedSchema } from "../fixtures/schema-sweep.js";
import { tenantState } from "../fixtures/tenant-state.js";
import { dataOf, type GraphqlResult, startTestApp, type TestApp } from "../fixtures/test-app.js";

/*
 * Issue 12: every query and mutation that takes an ID, found by introspecting the schema, is called with acme's ids
 * by each role globex has (and by an MSP operator inside globex). Each must refuse (NOT_FOUND for what it cannot see,
 * FORBIDDEN for what the role may not do) or answer without a trace of acme, and nothing of acme's may change.
 */

const REFUSALS = new Set(["NOT_FOUND", "FORBIDDEN", "UNAUTHENTICATED"]);
const CANNOT_CALL = new Set(["BAD_USER_INPUT", "GRAPHQL_VALIDATION_FAILED"]);

let app: TestApp;
let acme: TenantFixture;
let globex: TenantFixture;
let mspToken: string;
const ids = new Map<IdKind, string>();
/** Texts that only acme's rows hold: finding one in an answer to globex is a leak. */
const acmeMarks: string[] = [];

async function seed<T>(token: string, document: string, variables: Record<string, unknown> = {}): Promise<T> {
  return dataOf(await app.gql<T>(document, variables, token));
}

async function seedAcme(): Promise<void> {
  const admin = acme.adminToken;
  const idOf = async (kind: IdKind, document: string, variables?: Record<string, unknown>) => {
    const data = await seed<Record<string, { id?: string; apiKey?: { id: string } }>>(admin, document, variables);
    const created = Object.values(data)[0];
    ids.set(kind, created?.id ?? created?.apiKey?.id ?? "");
  };
  const cloud = await createCloud(app, "acme-secret-cloud");
  const pool = await createPool(app, acme.tenant, cloud, "acme-secret-pool");
  const [desktop] = await createDesktops(app, pool, 1, [acme.user]);
  ids
    .set("user", acme.user.id)
    .set("pool", pool.id)
    .set("desktop", desktop?.id ?? "")
    .set("tenant", acme.tenant.id);
  ids.set("cloud", cloud.id);
  const session = await app.database.dataSource.getRepository(DesktopSession).save({
    tenantId: acme.tenant.id,
    desktopId: desktop?.id ?? "",
    userId: acme.user.id,
    username: acme.user.username,
    state: "active",
    startedAt: new Date(),
  });
  ids.set("desktopSession", session.id);
  await idOf("group", `mutation { createGroup(input: { name: "acme-secret-group" }) { id } }`);
  await idOf(
    "location",
    `mutation { createLocation(input: { name: "acme-secret-location", cidrs: ["10.7.0.0/16"], clientKinds: [WEB],
      timeWindows: [], viaGateway: ANY }) { id } }`,
  );
  await idOf(
    "powerPlan",
    `mutation { createPowerPlan(input: { name: "acme-secret-power", onDisconnect: NONE, onDisconnectMinutes: 0,
      onLogout: NONE, onLogoutMinutes: 0, onRelease: STOP, onReleaseMinutes: 5 }) { id } }`,
  );
  await idOf(
    "protocolPlan",
    `mutation { createProtocolPlan(input: { name: "acme-secret-protocols", protocols: [{ protocol: RDP, priority: 1,
      gateway: NEVER, rdpOptions: [] }] }) { id } }`,
  );
  await idOf(
    "releasePlan",
    `mutation { createReleasePlan(input: { name: "acme-secret-release", onRelease: KEEP, keepPersistent: true }) { id } }`,
  );
  await idOf(
    "policy",
    `mutation($pool: ID!) { createPolicy(input: { name: "acme-secret-policy", rogueAction: LOG, entitlements: [{
      poolId: $pool, offerCount: 1, persistent: false, sortOrder: OLDEST_FIRST, startIfStopped: true,
      userPowerActions: [START] }] }) { id } }`,
    { pool: pool.id },
  );
  await idOf(
    "identityProvider",
    `mutation { createIdentityProvider(input: { name: "acme-secret-radius", enabled: false, priority: 1,
      groupRoleMappings: [], settings: { radius: { servers: [{ host: "127.0.0.1" }], secret: "acme-shared-secret" } } })
      { id } }`,
  );
  await idOf(
    "assignmentRule",
    `mutation($location: ID!, $policy: ID!) { createAssignmentRule(input: { position: 10, subjectType: ANY,
      effect: ALLOW, locationIds: [$location], policyId: $policy, mfaRequired: false, gatewayOnly: false,
      html5Only: false, protocols: [RDP], description: "acme-secret-rule" }) { id } }`,
    { location: ids.get("location"), policy: ids.get("policy") },
  );
  await idOf(
    "reportSchedule",
    `mutation { createReportSchedule(input: { name: "acme-secret-schedule", report: USAGE, period: WEEKLY,
      formats: [CSV], recipients: ["boss@acme.test"], hour: 6, timeZone: "UTC", enabled: true }) { id } }`,
  );
  await idOf(
    "alertRule",
    `mutation { createAlertRule(input: { name: "acme-secret-alert", kind: POOL_PAUSED, recipients: ["ops@acme.test"],
      maxEmailsPerHour: 2, enabled: true }) { id } }`,
  );
  await idOf(
    "apiKey",
    `mutation { createApiKey(input: { name: "acme-secret-key", scopes: [POOLS_READ] }) { apiKey { id } } }`,
  );
  acmeMarks.push("acme-secret", "acme-shared-secret", "boss@acme.test", ...ids.values());
}

async function seedMsp(): Promise<void> {
  const location = await seed<{ createMspLocation: { id: string } }>(
    mspToken,
    `mutation { createMspLocation(input: { name: "msp-office", cidrs: ["10.8.0.0/16"], clientKinds: [WEB],
      timeWindows: [], viaGateway: ANY }) { id } }`,
  );
  const key = await seed<{ createMspApiKey: { apiKey: { id: string } } }>(
    mspToken,
    `mutation { createMspApiKey(input: { name: "msp-billing", scopes: [BILLING_READ] }) { apiKey { id } } }`,
  );
  const staff = await seed<{ createMspStaff: { id: string } }>(
    mspToken,
    `mutation { createMspStaff(input: { username: "msp-night-shift", role: MSP_OPERATOR,
      password: "Night-Shift-Passw0rd" }) { id } }`,
  );
  ids
    .set("mspLocation", location.createMspLocation.id)
    .set("mspApiKey", key.createMspApiKey.apiKey.id)
    .set("mspStaff", staff.createMspStaff.id);
  // acme's prices are acme's secret too: a price list or charge that shows them to globex is a leak.
  await seed(
    mspToken,
    `mutation($tenantId: ID!) { setPriceList(input: { tenantId: $tenantId, currency: "EUR", desktopHour: "0.424242" })
      { tenantId } }`,
    { tenantId: acme.tenant.id },
  );
  acmeMarks.push("0.424242");
}

type Outcome = "refused" | "answered" | "cannot call" | "leaked" | "failed";

/** A refusal: not found, not allowed, or invalid input that names the foreign id as what is wrong. */
function refusal(error: NonNullable<GraphqlResult["errors"]>[number], request: SweepRequest): boolean {
  const code = String(error.extensions?.code);
  const field = String(error.extensions?.field ?? "");
  return REFUSALS.has(code) || (code === "BAD_USER_INPUT" && request.idFields.includes(field.split(".").pop() ?? ""));
}

function judge(result: GraphqlResult, request: SweepRequest): { outcome: Outcome; detail: string } {
  const errors = result.errors ?? [];
  const codes = errors.map((error) => String(error.extensions?.code));
  const text = JSON.stringify(result);
  if (acmeMarks.some((mark) => JSON.stringify(result.data ?? null).includes(mark) || text.includes("acme-secret"))) {
    return { outcome: "leaked", detail: text.slice(0, 300) };
  }
  if (errors.length === 0) return { outcome: "answered", detail: "" };
  if (errors.every((error) => refusal(error, request))) return { outcome: "refused", detail: codes.join(",") };
  if (codes.some((code) => CANNOT_CALL.has(code))) return { outcome: "cannot call", detail: text.slice(0, 300) };
  return { outcome: "failed", detail: text.slice(0, 300) };
}

/**
 * Findings: any leak or unexpected error, and an operation none of whose requests got past validation (the sweep
 * cannot call it: teach schema-sweep.ts). A single request refused as invalid is fine where a sibling reached the
 * check, e.g. connect with both poolId and desktopId next to connect with each.
 */
async function sweepAs(token: string, requests: SweepRequest[]) {
  const findings: string[] = [];
  const tally: Record<Outcome, number> = { refused: 0, answered: 0, "cannot call": 0, leaked: 0, failed: 0 };
  const uncallable = new Map<string, string>();
  const called = new Set<string>();
  for (const request of requests) {
    const { outcome, detail } = judge(await app.gql(request.document, request.variables, token), request);
    tally[outcome]++;
    if (outcome === "cannot call") uncallable.set(request.operation, detail);
    else called.add(request.operation);
    if (outcome === "leaked" || outcome === "failed") findings.push(`${request.operation}: ${outcome} ${detail}`);
  }
  for (const [operation, detail] of uncallable) {
    if (!called.has(operation)) findings.push(`${operation}: cannot call ${detail}`);
  }
  return { findings, tally };
}

beforeAll(async () => {
  app = await startTestApp();
  acme = await createTenantWithPeople(app, "acme");
  globex = await createTenantWithPeople(app, "globex");
  mspToken = await createMspAdmin(app);
  await seedAcme();
  await seedMsp();
}, 120_000);

afterAll(async () => {
  await app?.close();
});

describe("the schema-driven sweep", () => {
  it("knows the kind of every ID every operation takes", async () => {
    const plan = planSweep(servedSchema(), ids);
    expect(plan.unknownIds).toEqual([]);
    expect(plan.operations.length).toBeGreaterThan(70);
  });

  it("refuses acme's ids to every role of globex and to an MSP operator inside globex, and changes nothing", async () => {
    const plan = planSweep(servedSchema(), ids);
    const key = await seed<{ createApiKey: { secret: string } }>(
      globex.adminToken,
      `mutation { createApiKey(input: { name: "globex-all", scopes: [AUDIT_READ, BILLING_READ, DESKTOPS_READ,
        POOLS_READ, TENANTS_READ] }) { secret } }`,
    );
    await createUser(app, null, "noc", "msp_operator");
    const operator = await signIn(app, "noc");
    await seed(operator, `mutation($id: ID!) { enterTenant(tenantId: $id) { actingTenantId } }`, {
      id: globex.tenant.id,
    });
    // Inside globex the operator may still reach what the MSP owns; its sweep is of acme's tenant ids only.
    const tenantRequests = plan.requests.filter((request) => !request.kinds.some((kind) => MSP_KINDS.has(kind)));
    const roles: [string, string, SweepRequest[]][] = [
      ["globex tenant_admin", globex.adminToken, plan.requests],
      ["globex tenant_helpdesk", globex.helpdeskToken, plan.requests],
      ["globex tenant_user", globex.userToken, plan.requests],
      ["globex API key (every scope)", key.createApiKey.secret, plan.requests],
      ["msp_operator inside globex", operator, tenantRequests],
    ];
    const before = await tenantState(app, acme.tenant.id);
    const findings: string[] = [];
    for (const [role, token, requests] of roles) {
      const result = await sweepAs(token, requests);
      findings.push(...result.findings.map((finding) => `${role}: ${finding}`));
      const called = new Set(requests.map((request) => request.operation)).size;
      console.info(
        `schema sweep as ${role}: ${called} of ${plan.operations.length} ID-taking operations called ` +
          `(${Math.round((100 * called) / plan.operations.length)} %) in ${requests.length} requests: ` +
          `${result.tally.refused} refused, ${result.tally.answered} answered without acme's data, ` +
          `${result.tally.leaked} leaks`,
      );
    }
    const changed = (await tenantState(app, acme.tenant.id)) !== before;
    const swept = new Set(roles.flatMap(([, , requests]) => requests.map((request) => request.operation))).size;
    console.info(
      `schema sweep: ${swept} of ${plan.operations.length} ID-taking operations swept ` +
        `(${Math.round((100 * swept) / plan.operations.length)} %), ${findings.length} findings, ` +
        `acme's rows ${changed ? "CHANGED" : "unchanged"}`,
    );
    expect(findings).toEqual([]);
    expect(changed).toBe(false);
  }, 300_000);
});
