import { issueDesktopAgentToken, tenantDb } from "@atrium/api";
import { AuditEvent, type Desktop, DesktopSession, GroupMembership } from "@atrium/schema";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { agentEvent } from "../fixtures/broker-factories.js";
import {
  createCloud,
  createDesktops,
  createGroup,
  createPool,
  createTenantWithPeople,
  type TenantFixture,
} from "../fixtures/factories.js";
import { dataOf, errorCodes, startTestApp, type TestApp } from "../fixtures/test-app.js";

// Issue 15, the helpdesk workspace: before, the helpdesk saw five read-only fields of a user and could neither end
// nor disconnect a session nor send the user a message.
let app: TestApp;
let acme: TenantFixture;
let globex: TenantFixture;
let desktop: Desktop;
let agentToken: string;

const END = `mutation($id: ID!) { endDesktopSession(id: $id) { id state endReason desktopName } }`;
const DISCONNECT = `mutation($id: ID!) { disconnectDesktopSession(id: $id) { id state } }`;
const MESSAGE = `mutation($id: ID!, $text: String!) { messageDesktopSession(id: $id, text: $text) { id state } }`;
const USER = `query($id: ID!) { user(id: $id) {
  groups desktops { name } recentSessions { id state clientIp protocol endReason }
  recentSignIns { outcome clientIp } } }`;

const sessions = () => app.database.dataSource.getRepository(DesktopSession);

async function openSession(): Promise<DesktopSession> {
  const now = new Date();
  return sessions().save({
    tenantId: acme.tenant.id,
    desktopId: desktop.id,
    userId: acme.user.id,
    assignmentId: null,
    username: acme.user.username,
    state: "active",
    rogue: false,
    protocol: "RDP",
    viaGateway: true,
    clientIp: "198.51.100.7",
    locationIds: null,
    connectMs: null,
    startedAt: now,
    lastEventAt: now,
    endedAt: null,
    endReason: null,
  });
}

const heartbeat = async () => (await agentEvent(app, agentToken, { event: "heartbeat" })).body.commands;

beforeAll(async () => {
  app = await startTestApp();
  acme = await createTenantWithPeople(app, "acme");
  globex = await createTenantWithPeople(app, "globex");
  const pool = await createPool(app, acme.tenant, await createCloud(app), "office");
  [desktop] = await createDesktops(app, pool, 1, [acme.user]);
  agentToken = await issueDesktopAgentToken(
    tenantDb(app.database.dataSource.manager, acme.tenant.id).requireTenant(),
    desktop!.id,
  );
  const group = await createGroup(app, acme.tenant, "Finance");
  await app.database.dataSource
    .getRepository(GroupMembership)
    .save({ tenantId: acme.tenant.id, groupId: group.id, userId: acme.user.id });
});

afterAll(async () => {
  await app?.close();
});

describe("the helpdesk's user page", () => {
  it("shows the user's groups, desktops, sessions with their client address, and sign-ins", async () => {
    const session = await openSession();
    const { user } = dataOf(
      await app.gql<{ user: Record<string, unknown> }>(USER, { id: acme.user.id }, acme.helpdeskToken),
    );
    expect(user.groups).toEqual(["Finance"]);
    expect(user.desktops).toEqual([{ name: desktop.name }]);
    expect(user.recentSessions).toContainEqual({
      id: session.id,
      state: "ACTIVE",
      clientIp: "198.51.100.7",
      protocol: "RDP",
      endReason: null,
    });
    expect(user.recentSignIns).toContainEqual(expect.objectContaining({ outcome: "SUCCESS" }));
  });
});

describe("session actions", () => {
  it("sends the user a message through the desktop's agent, once, audited with the helpdesk as actor", async () => {
    const session = await openSession();
    await heartbeat();
    dataOf(await app.gql(MESSAGE, { id: session.id, text: "Restarting at 5 pm, please save" }, acme.helpdeskToken));
    expect(await heartbeat()).toEqual([
      expect.objectContaining({ kind: "message", sessionId: session.id, text: "Restarting at 5 pm, please save" }),
    ]);
    expect(await heartbeat()).toEqual([]);
    const audit = await app.database.dataSource
      .getRepository(AuditEvent)
      .findOneBy({ action: "messageDesktopSession", targetId: session.id });
    expect(audit).toMatchObject({ tenantId: acme.tenant.id, actorName: "helpdesk" });
  });

  it("ends a session at once and has the agent sign the user out", async () => {
    const session = await openSession();
    await heartbeat();
    const ended = dataOf(await app.gql<{ endDesktopSession: unknown }>(END, { id: session.id }, acme.helpdeskToken));
    expect(ended.endDesktopSession).toEqual({
      id: session.id,
      state: "ENDED",
      endReason: "HELPDESK",
      desktopName: desktop.name,
    });
    expect(await heartbeat()).toEqual([expect.objectContaining({ kind: "logout", sessionId: session.id })]);
    expect(errorCodes(await app.gql(END, { id: session.id }, acme.helpdeskToken))).toEqual(["CONFLICT"]);
  });

  it("disconnects a session, which stays open for the user to come back to", async () => {
    const session = await openSession();
    await heartbeat();
    const result = dataOf(
      await app.gql<{ disconnectDesktopSession: unknown }>(DISCONNECT, { id: session.id }, acme.adminToken),
    );
    expect(result.disconnectDesktopSession).toEqual({ id: session.id, state: "DISCONNECTED" });
    expect(await heartbeat()).toEqual([expect.objectContaining({ kind: "disconnect", sessionId: session.id })]);
  });

  it("refuses end users, answers another tenant NOT_FOUND and an empty message BAD_USER_INPUT, changing nothing", async () => {
    const session = await openSession();
    await heartbeat();
    expect(errorCodes(await app.gql(END, { id: session.id }, acme.userToken))).toEqual(["FORBIDDEN"]);
    expect(errorCodes(await app.gql(END, { id: session.id }, globex.helpdeskToken))).toEqual(["NOT_FOUND"]);
    expect(errorCodes(await app.gql(DISCONNECT, { id: session.id }, globex.adminToken))).toEqual(["NOT_FOUND"]);
    expect(errorCodes(await app.gql(MESSAGE, { id: session.id, text: "hi" }, globex.helpdeskToken))).toEqual([
      "NOT_FOUND",
    ]);
    expect(errorCodes(await app.gql(MESSAGE, { id: session.id, text: "" }, acme.helpdeskToken))).toEqual([
      "BAD_USER_INPUT",
    ]);
    expect(errorCodes(await app.gql(END, { id: "not-a-uuid" }, acme.helpdeskToken))).toEqual(["NOT_FOUND"]);
    expect(await sessions().findOneByOrFail({ id: session.id })).toMatchObject({ state: "active", endedAt: null });
    expect(await heartbeat()).toEqual([]);
  });
});
