import { DesktopSession } from "@atrium/schema";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CONNECT, createPolicyRow, createRuleRow } from "../fixtures/broker-factories.js";
import {
  createCloud,
  createDesktops,
  createPool,
  createTenantWithPeople,
  type TenantFixture,
} from "../fixtures/factories.js";
import { dataOf, errorCodes, startTestApp, type TestApp } from "../fixtures/test-app.js";

const SESSIONS = `query($filter: DesktopSessionFilter, $first: Int) {
  desktopSessions(filter: $filter, first: $first) {
    totalCount
    nodes { id desktopId desktopName username state protocol viaGateway startedAt endedAt durationSeconds }
  } }`;

interface SessionRow {
  id: string;
  desktopId: string;
  desktopName: string;
  username: string;
  state: string;
  durationSeconds: number;
}

describe("desktop sessions over GraphQL", () => {
  let app: TestApp;
  let acme: TenantFixture;
  let globex: TenantFixture;
  let connected: { desktopId: string; sessionId: string };
  let poolId: string;

  const sessions = (token: string, filter: Record<string, unknown> = {}) =>
    app.gql<{ desktopSessions: { totalCount: number; nodes: SessionRow[] } }>(SESSIONS, { filter }, token);

  beforeAll(async () => {
    app = await startTestApp();
    acme = await createTenantWithPeople(app, "acme");
    globex = await createTenantWithPeople(app, "globex");
    const pool = await createPool(app, acme.tenant, await createCloud(app), "general");
    poolId = pool.id;
    await createDesktops(app, pool, 2);
    await createRuleRow(app, acme.tenant, 1, {}, { policy: await createPolicyRow(app, acme.tenant, "All", [pool]) });
    connected = dataOf(
      await app.gql<{ connect: { desktopId: string; sessionId: string } }>(
        CONNECT,
        { input: { poolId } },
        acme.userToken,
      ),
    ).connect;
  });
  afterAll(() => app.close());

  it("shows admins and helpdesk who is on which desktop now", async () => {
    for (const token of [acme.adminToken, acme.helpdeskToken]) {
      const page = dataOf(await sessions(token, { openOnly: true })).desktopSessions;
      expect(page.totalCount).toBe(1);
      expect(page.nodes[0]).toMatchObject({
        id: connected.sessionId,
        desktopId: connected.desktopId,
        username: "user1",
        state: "PENDING",
      });
      expect(page.nodes[0]!.desktopName).toMatch(/^general-/);
      expect(page.nodes[0]!.durationSeconds).toBeGreaterThanOrEqual(0);
    }
  });

  it("records how long the connect took, for the broker metrics' connect latency", async () => {
    const now = Date.now();
    const range = { from: new Date(now - 3_600_000).toISOString(), to: new Date(now + 3_600_000).toISOString() };
    const metrics = dataOf(
      await app.gql<{ brokerMetrics: { hourly: { connects: number; connectLatencyP50Ms: number | null }[] } }>(
        "query($range: ReportRangeInput!) { brokerMetrics(range: $range) { hourly { connects connectLatencyP50Ms } } }",
        { range },
        acme.adminToken,
      ),
    ).brokerMetrics;
    const busy = metrics.hourly.filter((point) => point.connects > 0);
    expect(busy).toHaveLength(1);
    expect(busy[0]!.connectLatencyP50Ms).toBeGreaterThanOrEqual(0);
    expect(metrics.hourly.filter((point) => point.connects === 0).every((p) => p.connectLatencyP50Ms === null)).toBe(
      true,
    );
  });

  it("filters by pool, desktop, user, state and period", async () => {
    const admin = acme.adminToken;
    expect(dataOf(await sessions(admin, { poolId })).desktopSessions.totalCount).toBe(1);
    expect(dataOf(await sessions(admin, { desktopId: connected.desktopId })).desktopSessions.totalCount).toBe(1);
    expect(dataOf(await sessions(admin, { userId: acme.user.id })).desktopSessions.totalCount).toBe(1);
    expect(dataOf(await sessions(admin, { state: "ENDED" })).desktopSessions.totalCount).toBe(0);
    expect(dataOf(await sessions(admin, { to: "2020-01-01T00:00:00Z" })).desktopSessions.totalCount).toBe(0);
    await app.database.dataSource
      .getRepository(DesktopSession)
      .update({ id: connected.sessionId }, { state: "ended", endedAt: new Date(), endReason: "logout" });
    expect(dataOf(await sessions(admin, { openOnly: true })).desktopSessions.totalCount).toBe(0);
    expect(dataOf(await sessions(admin, { state: "ENDED" })).desktopSessions.nodes[0]?.id).toBe(connected.sessionId);
  });

  it("never shows another tenant's sessions, even asked by their ids", async () => {
    const other = dataOf(await sessions(globex.adminToken, { desktopId: connected.desktopId, userId: acme.user.id }));
    expect(other.desktopSessions).toEqual({ totalCount: 0, nodes: [] });
    expect(dataOf(await sessions(globex.adminToken)).desktopSessions.totalCount).toBe(0);
  });

  it("refuses end users and bad filters with typed errors", async () => {
    expect(errorCodes(await sessions(acme.userToken))).toEqual(["FORBIDDEN"]);
    expect(errorCodes(await sessions(acme.adminToken, { state: "dancing" }))).toEqual(["BAD_USER_INPUT"]);
    // A pool id that is no UUID is answered like an unknown pool (the input guard's rule for every ID).
    expect(errorCodes(await sessions(acme.adminToken, { poolId: "not-a-pool" }))).toEqual(["NOT_FOUND"]);
    const backwards = await sessions(acme.adminToken, { from: "2026-02-01T00:00:00Z", to: "2026-01-01T00:00:00Z" });
    expect(backwards.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "from" });
  });
});
