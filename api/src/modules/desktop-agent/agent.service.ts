import type { Desktop, DesktopSessionState, DesktopSessionSummary, RogueLoginAction } from "@atrium/schema";
import { In, Not } from "typeorm";
import type { Ctx } from "../../context/ctx.js";
import type { OneTenantDb } from "../../db/index.js";
import { cancelTimers, openAssignment, scheduleAfterSessionEvent, takeAgentCommands } from "../broker/index.js";
import type { AgentEvent, AgentReply } from "./agent.schemas.js";

/** DOMAIN\\alice, alice@corp.example and Alice are the same login for matching purposes. */
export function normalizeLogin(name: string): string {
  const afterDomain = name.includes("\\") ? name.slice(name.lastIndexOf("\\") + 1) : name;
  const local = afterDomain.includes("@") ? afterDomain.slice(0, afterDomain.indexOf("@")) : afterDomain;
  return local.trim().toLowerCase();
}

const LIVE: DesktopSessionState[] = ["pending", "active", "locked", "idle", "disconnected"];
const STRICTNESS: Record<RogueLoginAction, number> = { log: 0, assign: 1, logout: 2 };

function liveSession(db: OneTenantDb, desktop: Desktop) {
  return db.desktopSessions.findOne({ desktopId: desktop.id, state: In(LIVE) }, { order: { startedAt: "DESC" } });
}

/** The strictest rogue rule among the policies that offer this desktop's pool (no policy: just log it). */
async function rogueRule(db: OneTenantDb, desktop: Desktop) {
  const entitlements = await db.poolEntitlements.find({ where: { poolId: desktop.poolId } });
  const policies = entitlements.length
    ? await db.policies.find({ where: { id: In(entitlements.map((e) => e.policyId)) } })
    : [];
  const strictest = [...policies].sort((a, b) => STRICTNESS[b.rogueAction] - STRICTNESS[a.rogueAction])[0];
  return {
    action: strictest?.rogueAction ?? ("log" as RogueLoginAction),
    policy: strictest ?? null,
    entitlement: entitlements.find((e) => e.policyId === strictest?.id) ?? null,
  };
}

async function findUserByLogin(db: OneTenantDb, login: string) {
  const users = await db.users.find({ where: { disabled: false } });
  return users.find((user) => normalizeLogin(user.username) === login) ?? null;
}

/**
 * A login the broker did not arrange. Per policy: "log" records a rogue session; "assign" gives the free desktop to
 * the matching user (so it is no longer handed to someone else) or logs when that is impossible; "logout" records it
 * and tells the agent to end the session.
 */
async function handleRogueLogin(db: OneTenantDb, desktop: Desktop, username: string, now: Date) {
  const login = normalizeLogin(username);
  const { action, policy, entitlement } = await rogueRule(db, desktop);
  const user = await findUserByLogin(db, login);
  const sessions = db.desktopSessions;
  const base = {
    desktopId: desktop.id,
    userId: user?.id ?? null,
    username,
    rogue: true,
    protocol: null,
    viaGateway: false,
    clientIp: null,
    locationIds: null,
    startedAt: now,
    lastEventAt: now,
  };
  if (action === "logout") {
    const session = await sessions.insert({
      ...base,
      assignmentId: null,
      state: "ended",
      endedAt: now,
      endReason: "rogue_logout",
    });
    return { action: "logout" as const, sessionId: session.id };
  }
  let assignmentId: string | null = null;
  if (action === "assign" && user) {
    // Out of service is not free capacity: someone is investigating it, so a login there is only logged.
    const claimed = await db.desktops.updateWhere(
      "id = :id AND availability = 'available' AND out_of_service = :inService AND assigned_user_id IS NULL",
      { availability: "assigned", assignedUserId: user.id },
      { id: desktop.id, inService: false },
    );
    if (claimed === 1) {
      const assignment = await db.assignments.insert({
        desktopId: desktop.id,
        userId: user.id,
        poolId: desktop.poolId,
        policyId: policy?.id ?? null,
        entitlementId: entitlement?.id ?? null,
        persistent: false,
        origin: "rogue",
        assignedAt: now,
        releasedAt: null,
        releaseReason: null,
      });
      assignmentId = assignment.id;
    }
  }
  const session = await sessions.insert({ ...base, assignmentId, state: "active", endedAt: null, endReason: null });
  return { action: "none" as const, sessionId: session.id };
}

/** Session states an agent event moves a live session to (a subset of DesktopSessionState). */
const STATE_AFTER: Partial<Record<AgentEvent["event"], "active" | "locked" | "idle" | "disconnected">> = {
  lock: "locked",
  unlock: "active",
  idle: "idle",
  disconnect: "disconnected",
};

/**
 * Applies one agent event to the desktop's session, assignment and timers, through the agent's context (the
 * desktop's tenant, built by `agentCtx`), and hands over what the helpdesk asked of the agent since its last event.
 * Runs in the caller's transaction.
 */
export async function handleAgentEvent(ctx: Ctx, desktop: Desktop, event: AgentEvent): Promise<AgentReply> {
  const reply = await applyAgentEvent(ctx, desktop, event);
  return { ...reply, commands: await takeAgentCommands(ctx.db.requireTenant(), desktop.id) };
}

async function applyAgentEvent(ctx: Ctx, desktop: Desktop, event: AgentEvent): Promise<Omit<AgentReply, "commands">> {
  const db = ctx.db.requireTenant();
  const now = ctx.clock();
  await db.desktopAgentTokens.updateWhere({ desktopId: desktop.id }, { lastSeenAt: now });
  const sessions = db.desktopSessions;
  const session = await liveSession(db, desktop);
  const setDesktopSession = (sessionState: DesktopSessionSummary) =>
    db.desktops.updateWhere({ id: desktop.id }, { sessionState });

  switch (event.event) {
    case "heartbeat":
      return { ok: true, action: "none", sessionId: session?.id ?? null };
    case "boot": {
      // A reboot ends whatever session the desktop had; the assignment itself stays (release is the plan's job).
      await sessions.updateWhere(
        { desktopId: desktop.id, state: Not("ended") },
        { state: "ended", endedAt: now, endReason: "boot" },
      );
      await setDesktopSession("none");
      return { ok: true, action: "none", sessionId: null };
    }
    case "login": {
      const login = event.username ? normalizeLogin(event.username) : null;
      if (!login) return { ok: true, action: "none", sessionId: session?.id ?? null };
      const owner = desktop.assignedUserId ? await db.users.findOne({ id: desktop.assignedUserId }) : null;
      const expected = session?.username
        ? normalizeLogin(session.username)
        : owner
          ? normalizeLogin(owner.username)
          : null;
      if (expected === login && (session || owner)) {
        await cancelTimers(db, desktop.id, now);
        await setDesktopSession("logged_in");
        if (session) {
          await sessions.updateWhere({ id: session.id }, { state: "active", lastEventAt: now });
          return { ok: true, action: "none", sessionId: session.id };
        }
        const assignment = await openAssignment(db, desktop.id);
        const created = await sessions.insert({
          desktopId: desktop.id,
          userId: owner!.id,
          assignmentId: assignment?.id ?? null,
          username: event.username!,
          state: "active",
          rogue: false,
          protocol: null,
          viaGateway: false,
          clientIp: null,
          locationIds: null,
          startedAt: now,
          lastEventAt: now,
          endedAt: null,
          endReason: null,
        });
        return { ok: true, action: "none", sessionId: created.id };
      }
      const rogue = await handleRogueLogin(db, desktop, event.username!, now);
      await setDesktopSession(rogue.action === "logout" ? "none" : "logged_in");
      return { ok: true, ...rogue };
    }
    case "logout": {
      if (session) {
        await sessions.updateWhere(
          { id: session.id },
          { state: "ended", endedAt: now, endReason: "logout", lastEventAt: now },
        );
      }
      await setDesktopSession("none");
      await scheduleAfterSessionEvent(db, desktop.id, "logout", now);
      return { ok: true, action: "none", sessionId: session?.id ?? null };
    }
    default: {
      const state = STATE_AFTER[event.event]!;
      if (session) await sessions.updateWhere({ id: session.id }, { state, lastEventAt: now });
      await setDesktopSession(state === "active" ? "logged_in" : state);
      if (event.event === "disconnect") await scheduleAfterSessionEvent(db, desktop.id, "disconnect", now);
      if (event.event === "unlock") await cancelTimers(db, desktop.id, now);
      return { ok: true, action: "none", sessionId: session?.id ?? null };
    }
  }
}
