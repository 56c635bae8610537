import { Desktop, GroupMembership } from "@atrium/schema";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CONNECT, createLocationRow, createPolicyRow, createRuleRow } from "../fixtures/broker-factories.js";
import {
  createCloud,
  createDesktops,
  createGroup,
  createPool,
  createTenantWithPeople,
  type TenantFixture,
} from "../fixtures/factories.js";
import { dataOf, errorCodes, startTestApp, type TestApp } from "../fixtures/test-app.js";

const OFFICE = "10.1.0.0/16";
const EXPLAIN = `query($userId: ID!, $ip: String!, $gw: Boolean) {
  explainAccess(userId: $userId, clientAddress: $ip, viaGateway: $gw) {
    allowed reason detail decidedByRuleId mfaRequired gatewayOnly policy { id name }
    matchedLocations { id name } trace { ruleId position matched why }
    pools { poolName offered { name why } notOffered { name why } } } }`;

describe("broker access: rules, locations, gateway, explain", () => {
  let app: TestApp;
  let acme: TenantFixture;
  let globex: TenantFixture;
  let ids: Record<string, string> = {};

  const from = (ip: string) => ({ "x-forwarded-for": ip });

  beforeAll(async () => {
    app = await startTestApp();
    acme = await createTenantWithPeople(app, "acme");
    globex = await createTenantWithPeople(app, "globex");
    const cloud = await createCloud(app);
    const engineering = await createPool(app, acme.tenant, cloud, "engineering");
    const general = await createPool(app, acme.tenant, cloud, "general");
    await createDesktops(app, engineering, 3);
    await createDesktops(app, general, 3);
    const group = await createGroup(app, acme.tenant, "Engineers");
    await app.database.dataSource
      .getRepository(GroupMembership)
      .insert({ tenantId: acme.tenant.id, groupId: group.id, userId: acme.user.id });
    const office = await createLocationRow(app, acme.tenant, "Office", [OFFICE]);
    const external = await createLocationRow(app, null, "Internet", ["0.0.0.0/0", "::/0"]);
    const engPolicy = await createPolicyRow(app, acme.tenant, "Engineering", [engineering], { offerCount: 2 });
    const generalPolicy = await createPolicyRow(app, acme.tenant, "General", [general]);
    // Office engineers get the engineering pool; everyone from outside is forced through the gateway.
    await createRuleRow(app, acme.tenant, 10, { group: "engineers", locationIds: [office.id] }, { policy: engPolicy });
    await createRuleRow(app, acme.tenant, 20, { locationIds: [office.id] }, { policy: generalPolicy });
    await createRuleRow(
      app,
      acme.tenant,
      30,
      { locationIds: [external.id] },
      { policy: generalPolicy, gatewayOnly: true },
    );
    ids = {
      office: office.id,
      external: external.id,
      engPolicy: engPolicy.id,
      generalPolicy: generalPolicy.id,
      engineering: engineering.id,
      general: general.id,
    };
  });
  afterAll(() => app.close());

  it("location and rule order pick the policy", async () => {
    const atOffice = dataOf(
      await app.gql<{ myDesktops: { poolName: string }[] }>(
        "{ myDesktops { poolName } }",
        {},
        acme.userToken,
        from("10.1.2.3"),
      ),
    );
    expect(new Set(atOffice.myDesktops.map((offer) => offer.poolName))).toEqual(new Set(["engineering"]));
    expect(atOffice.myDesktops).toHaveLength(2);

    const outside = dataOf(
      await app.gql<{ myDesktops: { poolName: string }[] }>(
        "{ myDesktops { poolName } }",
        {},
        acme.userToken,
        from("203.0.113.9"),
      ),
    );
    expect(outside.myDesktops.map((offer) => offer.poolName)).toEqual(["general"]);

    // Moving the general rule above the engineers' rule changes the policy at the office.
    const ds = app.database.dataSource;
    await ds.query("UPDATE assignment_rule SET position = 5 WHERE position = 20");
    const reordered = dataOf(
      await app.gql<{ myDesktops: { poolName: string }[] }>(
        "{ myDesktops { poolName } }",
        {},
        acme.userToken,
        from("10.1.2.3"),
      ),
    );
    expect(reordered.myDesktops.map((offer) => offer.poolName)).toEqual(["general"]);
    await ds.query("UPDATE assignment_rule SET position = 20 WHERE position = 5");
  });

  it("an external user is forced through the gateway; a direct-only protocol plan denies them", async () => {
    const result = dataOf(
      await app.gql<{
        connect: { method: string; ticket: string | null; host: string | null; rdpFile: string | null };
      }>(CONNECT, { input: { poolId: ids.general } }, acme.userToken, from("203.0.113.9")),
    );
    expect(result.connect.method).toBe("GATEWAY");
    expect(result.connect.ticket).toEqual(expect.any(String));
    expect(result.connect.host).toBeNull();
    expect(result.connect.rdpFile).toBeNull();

    const direct = dataOf(
      await app.gql<{ connect: { method: string; rdpFile: string | null; ticket: string | null } }>(
        CONNECT,
        { input: { poolId: ids.engineering } },
        acme.userToken,
        from("10.1.2.3"),
      ),
    );
    expect(direct.connect.method).toBe("DIRECT");
    expect(direct.connect.rdpFile).toContain("full address:s:10.0.0.");
    expect(direct.connect.ticket).toBeNull();

    // A protocol plan that never uses the gateway cannot serve someone who must: denied with a reason.
    const plan = dataOf(
      await app.gql<{ createProtocolPlan: { id: string } }>(
        `mutation($input: ProtocolPlanInput!) { createProtocolPlan(input: $input) { id } }`,
        { input: { name: "direct-only", protocols: [{ protocol: "RDP", gateway: "NEVER" }] } },
        acme.adminToken,
      ),
    ).createProtocolPlan;
    await app.database.dataSource.query("UPDATE pool_entitlement SET protocol_plan_id = $1 WHERE pool_id = $2", [
      plan.id,
      ids.general,
    ]);
    const denied = await app.gql(CONNECT, { input: { poolId: ids.general } }, acme.userToken, from("203.0.113.10"));
    expect(errorCodes(denied)).toEqual(["FORBIDDEN"]);
    expect(denied.errors?.[0]?.extensions?.reason).toBe("NO_USABLE_PROTOCOL");
    await app.database.dataSource.query("UPDATE pool_entitlement SET protocol_plan_id = NULL WHERE pool_id = $1", [
      ids.general,
    ]);
  });

  it("an explicit deny for the external location wins over any allow", async () => {
    const deny = await createRuleRow(app, acme.tenant, 100, { locationIds: [ids.external] }, "deny");
    const result = await app.gql("{ myDesktops { name } }", {}, acme.userToken, from("198.51.100.7"));
    expect(errorCodes(result)).toEqual(["FORBIDDEN"]);
    expect(result.errors?.[0]?.extensions?.reason).toBe("ACCESS_DENIED");
    const connect = await app.gql(CONNECT, { input: { poolId: ids.general } }, acme.userToken, from("198.51.100.7"));
    expect(errorCodes(connect)).toEqual(["FORBIDDEN"]);
    await app.database.dataSource.query("DELETE FROM assignment_rule WHERE id = $1", [deny.id]);
  });

  it("a spoofed X-Forwarded-For from an untrusted peer is not believed", async () => {
    // The request reaches us from 127.0.0.1 (trusted); a forged left-most hop is ignored, the right-most counts.
    const result = dataOf(
      await app.gql<{ myDesktops: { poolName: string }[] }>(
        "{ myDesktops { poolName } }",
        {},
        acme.userToken,
        from("10.1.2.3, 203.0.113.50"),
      ),
    );
    expect(result.myDesktops.map((offer) => offer.poolName)).toEqual(["general"]);
  });

  it("explainAccess tells admins and helpdesk which rule, policy and desktops, and why not", async () => {
    for (const token of [acme.adminToken, acme.helpdeskToken]) {
      const office = dataOf(
        await app.gql<{
          explainAccess: Record<string, unknown> & { pools: { offered: unknown[]; notOffered: { why: string }[] }[] };
        }>(EXPLAIN, { userId: acme.user.id, ip: "10.1.9.9" }, token),
      ).explainAccess;
      expect(office.allowed).toBe(true);
      expect(office.policy).toEqual({ id: ids.engPolicy, name: "Engineering" });
      expect((office.matchedLocations as { name: string }[]).map((l) => l.name).sort()).toEqual(["Internet", "Office"]);
      expect(
        office.pools[0]!.notOffered.some((d) => d.why === "assigned to another user" || d.why.startsWith("free, but")),
      ).toBe(true);
    }
    const outside = dataOf(
      await app.gql<{ explainAccess: { allowed: boolean; gatewayOnly: boolean; policy: { name: string } } }>(
        EXPLAIN,
        { userId: acme.user.id, ip: "2001:db8::1" },
        acme.helpdeskToken,
      ),
    ).explainAccess;
    expect(outside).toMatchObject({ allowed: true, gatewayOnly: true, policy: { name: "General" } });
    const globexUser = dataOf(
      await app.gql<{ explainAccess: { allowed: boolean; reason: string } }>(
        EXPLAIN,
        { userId: globex.user.id, ip: "10.1.9.9" },
        globex.helpdeskToken,
      ),
    ).explainAccess;
    expect(globexUser).toMatchObject({ allowed: false, reason: "NO_RULE_MATCHED" });
  });

  it("helpdesk and admins cannot explain another tenant's users; end users cannot explain at all", async () => {
    const foreign = await app.gql(EXPLAIN, { userId: acme.user.id, ip: "10.1.9.9" }, globex.helpdeskToken);
    expect(errorCodes(foreign)).toEqual(["NOT_FOUND"]);
    const foreignAdmin = await app.gql(EXPLAIN, { userId: acme.user.id, ip: "10.1.9.9" }, globex.adminToken);
    expect(errorCodes(foreignAdmin)).toEqual(["NOT_FOUND"]);
    const user = await app.gql(EXPLAIN, { userId: acme.user.id, ip: "10.1.9.9" }, acme.userToken);
    expect(errorCodes(user)).toEqual(["FORBIDDEN"]);
    const bad = await app.gql(EXPLAIN, { userId: acme.user.id, ip: "not-an-ip" }, acme.adminToken);
    expect(errorCodes(bad)).toEqual(["BAD_USER_INPUT"]);
  });

  it("connect to another tenant's desktop or pool is NOT_FOUND and changes nothing", async () => {
    const [acmeDesktop] = await app.database.dataSource
      .getRepository(Desktop)
      .find({ where: { tenantId: acme.tenant.id, availability: "available" } });
    const byDesktop = await app.gql(CONNECT, { input: { desktopId: acmeDesktop!.id } }, globex.userToken);
    expect(errorCodes(byDesktop)).toEqual(["FORBIDDEN"]);
    const after = await app.database.dataSource.getRepository(Desktop).findOneByOrFail({ id: acmeDesktop!.id });
    expect(after.assignedUserId).toBeNull();
  });
});
