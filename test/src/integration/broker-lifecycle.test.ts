import {
  issueDesktopAgentToken,
  openTunnel,
  runDueTimers,
  TicketError,
  tenantDb,
  verifyAndConsumeTicket,
} from "@atrium/api";
import { Assignment, Desktop, DesktopSession, type Pool, type Tenant, type User } from "@atrium/schema";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  agentEvent,
  CONNECT,
  createPolicyRow,
  createPowerPlanRow,
  createReleasePlanRow,
  type EntitlementOptions,
  tokenFor,
} from "../fixtures/broker-factories.js";
import { createCloud, createDesktops, createPool, createTenant, createUser } from "../fixtures/factories.js";
import { dataOf, errorCodes, startTestApp, type TestApp } from "../fixtures/test-app.js";

const MINUTE = 60_000;

describe("broker lifecycle: plans, timers, agent, rogue logins, tickets", () => {
  let app: TestApp;
  let tenant: Tenant;
  let cloudId: string;
  let counter = 0;

  beforeAll(async () => {
    app = await startTestApp();
    tenant = await createTenant(app, "life");
    cloudId = (await createCloud(app)).id;
  });
  afterAll(() => app.close());

  const ds = () => app.database.dataSource;
  const timers = () => runDueTimers(ds(), app.clock.now(), "test-worker");
  const desktopOf = (id: string) => ds().getRepository(Desktop).findOneByOrFail({ id });

  /** A fresh pool with its own policy (selected by a group-free rule for a dedicated user) per scenario. */
  async function scenario(
    desktops: number,
    options: EntitlementOptions & { rogueAction?: "log" | "assign" | "logout" },
  ) {
    counter++;
    const pool: Pool = await createPool(app, tenant, { id: cloudId } as never, `pool${counter}`);
    const created = await createDesktops(app, pool, desktops);
    const user: User = await createUser(app, tenant, `person${counter}`, "tenant_user");
    const policy = await createPolicyRow(app, tenant, `policy${counter}`, [pool], options);
    await ds().query(`INSERT INTO assignment_rule (tenant_id, position, condition, outcome) VALUES ($1, $2, $3, $4)`, [
      tenant.id,
      counter,
      JSON.stringify({
        subject: { type: "attribute", attribute: "username", operator: "equals", value: user.username },
        locationIds: [],
      }),
      JSON.stringify({ effect: "allow", role: "tenant_user", policyId: policy.id, mfaRequired: false }),
    ]);
    return { pool, desktops: created, user, token: await tokenFor(app, user) };
  }

  async function connectTo(token: string, poolId: string) {
    return dataOf(
      await app.gql<{ connect: { desktopId: string; ticket: string | null } }>(CONNECT, { input: { poolId } }, token),
    ).connect;
  }

  it("a persistent user gets their previous desktop back, even after logout timers", async () => {
    const releasePlan = await createReleasePlanRow(app, tenant, { name: "persist", releaseAfterLogoutMinutes: 1 });
    const { pool, desktops, user, token } = await scenario(3, { persistent: true, releasePlan });
    const first = await connectTo(token, pool.id);
    const agent = await issueDesktopAgentToken(tenantDb(ds().manager, tenant.id).requireTenant(), first.desktopId);
    expect((await agentEvent(app, agent, { event: "login", username: `CORP\\${user.username}` })).body.action).toBe(
      "none",
    );
    await agentEvent(app, agent, { event: "logout", username: user.username });
    app.clock.advance(5 * MINUTE);
    await timers();
    expect((await desktopOf(first.desktopId)).assignedUserId).toBe(user.id);
    const again = await connectTo(token, pool.id);
    expect(again.desktopId).toBe(first.desktopId);
    expect(desktops.map((d) => d.id)).toContain(first.desktopId);
    const open = await ds()
      .getRepository(Assignment)
      .find({ where: { desktopId: first.desktopId } });
    expect(open).toHaveLength(1);
  });

  it("a floating desktop is released after the disconnect delay and handed to the controller to rebuild", async () => {
    const releasePlan = await createReleasePlanRow(app, tenant, {
      name: "floating-rebuild",
      releaseAfterDisconnectMinutes: 5,
      onRelease: "rebuild",
    });
    const { pool, user, token } = await scenario(2, { releasePlan });
    const { desktopId } = await connectTo(token, pool.id);
    const agent = await issueDesktopAgentToken(tenantDb(ds().manager, tenant.id).requireTenant(), desktopId);
    await agentEvent(app, agent, { event: "login", username: user.username });
    await agentEvent(app, agent, { event: "disconnect", username: user.username });
    app.clock.advance(4 * MINUTE);
    await timers();
    expect((await desktopOf(desktopId)).assignedUserId).toBe(user.id);
    app.clock.advance(2 * MINUTE);
    const run = await timers();
    expect(run.fired).toBeGreaterThanOrEqual(1);
    const desktop = await desktopOf(desktopId);
    expect(desktop).toMatchObject({ assignedUserId: null, availability: "unavailable", pendingAction: "rebuild" });
    const assignment = await ds().getRepository(Assignment).findOneByOrFail({ desktopId, userId: user.id });
    expect(assignment.releaseReason).toBe("timer_disconnect");
    const sessions = await ds().getRepository(DesktopSession).find({ where: { desktopId } });
    expect(sessions.every((session) => session.state === "ended")).toBe(true);
    // Idempotent: nothing fires twice.
    expect((await timers()).fired).toBe(0);
  });

  it("power plans fire after their delays, and a returning user cancels them", async () => {
    const powerPlan = await createPowerPlanRow(app, tenant, {
      name: "suspend-10",
      onDisconnect: "suspend",
      onDisconnectMinutes: 10,
      onLogout: "shelve",
      onLogoutMinutes: 30,
    });
    const { pool, user, token } = await scenario(1, { persistent: true, powerPlan });
    const { desktopId } = await connectTo(token, pool.id);
    const agent = await issueDesktopAgentToken(tenantDb(ds().manager, tenant.id).requireTenant(), desktopId);
    await agentEvent(app, agent, { event: "login", username: user.username });
    await agentEvent(app, agent, { event: "disconnect", username: user.username });
    app.clock.advance(9 * MINUTE);
    await timers();
    expect((await desktopOf(desktopId)).desiredPowerState).toBe("running");
    app.clock.advance(2 * MINUTE);
    await timers();
    expect((await desktopOf(desktopId)).desiredPowerState).toBe("suspended");

    // Back again: connect asks for running; a disconnect followed by a login cancels the countdown.
    await connectTo(token, pool.id);
    expect((await desktopOf(desktopId)).desiredPowerState).toBe("running");
    await agentEvent(app, agent, { event: "disconnect", username: user.username });
    app.clock.advance(5 * MINUTE);
    await agentEvent(app, agent, { event: "login", username: user.username });
    app.clock.advance(10 * MINUTE);
    await timers();
    expect((await desktopOf(desktopId)).desiredPowerState).toBe("running");

    await agentEvent(app, agent, { event: "logout", username: user.username });
    app.clock.advance(29 * MINUTE);
    await timers();
    expect((await desktopOf(desktopId)).desiredPowerState).toBe("running");
    app.clock.advance(2 * MINUTE);
    await timers();
    expect((await desktopOf(desktopId)).desiredPowerState).toBe("shelved");
  });

  it("rogue logins are logged, assigned or logged out per policy", async () => {
    const logged = await scenario(1, { rogueAction: "log" });
    const agentA = await issueDesktopAgentToken(
      tenantDb(ds().manager, tenant.id).requireTenant(),
      logged.desktops[0]!.id,
    );
    const replyA = await agentEvent(app, agentA, { event: "login", username: "EVIL\\mallory" });
    expect(replyA.body.action).toBe("none");
    const rogueA = await ds()
      .getRepository(DesktopSession)
      .findOneByOrFail({ id: replyA.body.sessionId as string });
    expect(rogueA).toMatchObject({ rogue: true, state: "active", userId: null });
    expect((await desktopOf(logged.desktops[0]!.id)).assignedUserId).toBeNull();

    const assigned = await scenario(1, { rogueAction: "assign" });
    const agentB = await issueDesktopAgentToken(
      tenantDb(ds().manager, tenant.id).requireTenant(),
      assigned.desktops[0]!.id,
    );
    await agentEvent(app, agentB, { event: "login", username: `${assigned.user.username}@corp.example` });
    const desktopB = await desktopOf(assigned.desktops[0]!.id);
    expect(desktopB).toMatchObject({ assignedUserId: assigned.user.id, availability: "assigned" });
    const assignment = await ds().getRepository(Assignment).findOneByOrFail({ desktopId: desktopB.id });
    expect(assignment.origin).toBe("rogue");

    const kicked = await scenario(1, { rogueAction: "logout" });
    const agentC = await issueDesktopAgentToken(
      tenantDb(ds().manager, tenant.id).requireTenant(),
      kicked.desktops[0]!.id,
    );
    const replyC = await agentEvent(app, agentC, { event: "login", username: "intruder" });
    expect(replyC.body.action).toBe("logout");
    const rogueC = await ds()
      .getRepository(DesktopSession)
      .findOneByOrFail({ id: replyC.body.sessionId as string });
    expect(rogueC).toMatchObject({ rogue: true, state: "ended", endReason: "rogue_logout" });
  });

  it("a rogue login on an out-of-service desktop is logged, never assigned, under the assign policy", async () => {
    const { desktops, user } = await scenario(1, { rogueAction: "assign" });
    const desktopId = desktops[0]!.id;
    await ds().getRepository(Desktop).update({ id: desktopId }, { outOfService: true });
    const agent = await issueDesktopAgentToken(tenantDb(ds().manager, tenant.id).requireTenant(), desktopId);
    const reply = await agentEvent(app, agent, { event: "login", username: user.username });
    expect(reply.body.action).toBe("none");
    expect(await desktopOf(desktopId)).toMatchObject({ assignedUserId: null, availability: "available" });
    expect(await ds().getRepository(Assignment).countBy({ desktopId })).toBe(0);
    const session = await ds()
      .getRepository(DesktopSession)
      .findOneByOrFail({ id: reply.body.sessionId as string });
    expect(session).toMatchObject({ rogue: true, state: "active", userId: user.id, assignmentId: null });
  });

  it("the agent endpoint refuses bad tokens and bad events", async () => {
    const { desktops } = await scenario(1, {});
    const token = await issueDesktopAgentToken(tenantDb(ds().manager, tenant.id).requireTenant(), desktops[0]!.id);
    expect((await agentEvent(app, `${token.slice(0, -1)}x`, { event: "heartbeat" })).status).toBe(401);
    expect((await agentEvent(app, "nonsense", { event: "heartbeat" })).status).toBe(401);
    expect((await agentEvent(app, token, { event: "explode" })).status).toBe(400);
    expect((await agentEvent(app, token, { event: "login" })).status).toBe(400);
    expect((await agentEvent(app, token, { event: "heartbeat", extra: 1 })).status).toBe(400);
    expect((await agentEvent(app, token, { event: "heartbeat" })).status).toBe(200);
    // Re-issuing replaces the old token.
    const fresh = await issueDesktopAgentToken(tenantDb(ds().manager, tenant.id).requireTenant(), desktops[0]!.id);
    expect((await agentEvent(app, token, { event: "heartbeat" })).status).toBe(401);
    expect((await agentEvent(app, fresh, { event: "heartbeat" })).status).toBe(200);
  });

  it("gateway tickets are single-use, bound to the client, and access is re-checked", async () => {
    const { pool, token } = await scenario(1, {});
    await ds().query("UPDATE assignment_rule SET outcome = $1 WHERE position = $2", [
      JSON.stringify({
        effect: "allow",
        role: "tenant_user",
        policyId: (await ds().query("SELECT policy_id FROM pool_entitlement WHERE pool_id = $1", [pool.id]))[0]
          .policy_id,
        mfaRequired: false,
        constraints: { gatewayOnly: true },
      }),
      counter,
    ]);
    const { ticket } = await connectTo(token, pool.id);
    expect(ticket).toEqual(expect.any(String));
    const manager = ds().manager;
    await expect(verifyAndConsumeTicket(manager, app.services, ticket!, "192.0.2.1")).rejects.toMatchObject({
      reason: "wrong_client",
    });
    const opened = await openTunnel(manager, app.services, ticket!, { ip: "127.0.0.1" });
    expect(opened).toMatchObject({ allowed: true, protocol: "RDP", port: 3389 });
    const again = await openTunnel(manager, app.services, ticket!, { ip: "127.0.0.1" }).catch((error) => error);
    expect(again).toBeInstanceOf(TicketError);
    expect(again.reason).toBe("already_used");
    const replay = await Promise.allSettled(
      [1, 2, 3].map(async () => {
        const fresh = await connectTo(token, pool.id);
        return verifyAndConsumeTicket(manager, app.services, fresh.ticket!, "127.0.0.1");
      }),
    );
    expect(replay.every((outcome) => outcome.status === "fulfilled")).toBe(true);
    const expiring = await connectTo(token, pool.id);
    app.clock.advance(2 * MINUTE);
    await expect(verifyAndConsumeTicket(manager, app.services, expiring.ticket!, "127.0.0.1")).rejects.toMatchObject({
      reason: "expired",
    });
  });

  it("users release their desktop and take only the power actions their policy allows", async () => {
    const { pool, token } = await scenario(2, { userPowerActions: ["reboot"] });
    const { desktopId } = await connectTo(token, pool.id);
    const POWER = "mutation($id: ID!, $a: UserPowerAction!) { powerMyDesktop(desktopId: $id, action: $a) { id } }";
    expect(dataOf(await app.gql(POWER, { id: desktopId, a: "REBOOT" }, token))).toBeTruthy();
    expect((await desktopOf(desktopId)).pendingAction).toBe("reboot");
    const stop = await app.gql(POWER, { id: desktopId, a: "STOP" }, token);
    expect(stop.errors?.[0]?.extensions?.reason).toBe("POWER_ACTION_NOT_ALLOWED");
    expect(errorCodes(await app.gql(POWER, { id: desktopId, a: "explode" }, token))).toEqual(["BAD_USER_INPUT"]);
    const RELEASE = "mutation($id: ID!) { releaseDesktop(desktopId: $id) { released } }";
    expect(
      dataOf(await app.gql<{ releaseDesktop: { released: boolean } }>(RELEASE, { id: desktopId }, token)).releaseDesktop
        .released,
    ).toBe(true);
    expect(await desktopOf(desktopId)).toMatchObject({ assignedUserId: null, availability: "available" });
    expect(errorCodes(await app.gql(RELEASE, { id: desktopId }, token))).toEqual(["NOT_FOUND"]);
  });
});
