import {
  Assignment,
  Desktop,
  DesktopAgentToken,
  DesktopSession,
  type DesktopSessionState,
  type DesktopSessionSummary,
  Policy,
  PoolEntitlement,
  type RogueLoginAction,
  User,
} from "@atrium/schema";
import { type EntityManager, In, Not } from "typeorm";
import { cancelTimers, openAssignment, scheduleAfterSessionEvent } from "../broker/index.js";
import type { AgentEvent, AgentReply } from "./agent.schemas.js";

/** DOMAIN\\alice, alice@corp.example and Alice are the same login for matching purposes. */
export function normalizeLogin(name: string): string {
  const afterDomain = name.includes("\\") ? name.slice(name.lastIndexOf("\\") + 1) : name;
  const local = afterDomain.includes("@") ? afterDomain.slice(0, afterDomain.indexOf("@")) : afterDomain;
  return local.trim().toLowerCase();
}

const LIVE: DesktopSessionState[] = ["pending", "active", "locked", "idle", "disconnected"];
const STRICTNESS: Record<RogueLoginAction, number> = { log: 0, assign: 1, logout: 2 };

async function liveSession(manager: EntityManager, desktop: Desktop) {
  return manager.getRepository(DesktopSession).findOne({
    where: { tenantId: desktop.tenantId, desktopId: desktop.id, state: In(LIVE) },
    order: { startedAt: "DESC" },
  });
}

/** The strictest rogue rule among the policies that offer this desktop's pool (no policy: just log it). */
async function rogueRule(manager: EntityManager, desktop: Desktop) {
  const entitlements = await manager
    .getRepository(PoolEntitlement)
    .find({ where: { tenantId: desktop.tenantId, poolId: desktop.poolId } });
  const policies = entitlements.length
    ? await manager
        .getRepository(Policy)
        .find({ where: { tenantId: desktop.tenantId, id: In(entitlements.map((e) => e.policyId)) } })
    : [];
  const strictest = [...policies].sort((a, b) => STRICTNESS[b.rogueAction] - STRICTNESS[a.rogueAction])[0];
  return {
    action: strictest?.rogueAction ?? ("log" as RogueLoginAction),
    policy: strictest ?? null,
    entitlement: entitlements.find((e) => e.policyId === strictest?.id) ?? null,
  };
}

async function findUserByLogin(manager: EntityManager, tenantId: string, login: string) {
  const users = await manager.getRepository(User).find({ where: { tenantId, disabled: false } });
  return users.find((user) => normalizeLogin(user.username) === login) ?? null;
}

/**
 * A login the broker did not arrange. Per policy: "log" records a rogue session; "assign" gives the free desktop to
 * the matching user (so it is no longer handed to someone else) or logs when that is impossible; "logout" records it
 * and tells the agent to end the session.
 */
async function handleRogueLogin(manager: EntityManager, desktop: Desktop, username: string, now: Date) {
  const login = normalizeLogin(username);
  const { action, policy, entitlement } = await rogueRule(manager, desktop);
  const user = await findUserByLogin(manager, desktop.tenantId, login);
  const sessions = manager.getRepository(DesktopSession);
  const base = {
    tenantId: desktop.tenantId,
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
    const session = await sessions.save(
      sessions.create({ ...base, assignmentId: null, state: "ended", endedAt: now, endReason: "rogue_logout" }),
    );
    return { action: "logout" as const, sessionId: session.id };
  }
  let assignmentId: string | null = null;
  if (action === "assign" && user) {
    const claimed = await manager
      .createQueryBuilder()
      .update(Desktop)
      .set({ availability: "assigned", assignedUserId: user.id })
      .where("id = :id AND tenant_id = :tenantId AND availability = 'available' AND assigned_user_id IS NULL", {
        id: desktop.id,
        tenantId: desktop.tenantId,
      })
      .execute();
    if ((claimed.affected ?? 0) === 1) {
      const repository = manager.getRepository(Assignment);
      const assignment = await repository.save(
        repository.create({
          tenantId: desktop.tenantId,
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
        }),
      );
      assignmentId = assignment.id;
    }
  }
  const session = await sessions.save(
    sessions.create({ ...base, assignmentId, state: "active", endedAt: null, endReason: null }),
  );
  return { action: "none" as const, sessionId: session.id };
}

/** Session states an agent event moves a live session to (a subset of DesktopSessionState). */
const STATE_AFTER: Partial<Record<AgentEvent["event"], "active" | "locked" | "idle" | "disconnected">> = {
  lock: "locked",
  unlock: "active",
  idle: "idle",
  disconnect: "disconnected",
};

/** Applies one agent event to the desktop's session, assignment and timers. Runs in the caller's transaction. */
export async function handleAgentEvent(
  manager: EntityManager,
  desktop: Desktop,
  event: AgentEvent,
  now: Date,
): Promise<AgentReply> {
  const { tenantId } = desktop;
  await manager.getRepository(DesktopAgentToken).update({ tenantId, desktopId: desktop.id }, { lastSeenAt: now });
  const sessions = manager.getRepository(DesktopSession);
  const session = await liveSession(manager, desktop);
  const setDesktopSession = (sessionState: DesktopSessionSummary) =>
    manager.getRepository(Desktop).update({ id: desktop.id, tenantId }, { sessionState });

  switch (event.event) {
    case "heartbeat":
      return { ok: true, action: "none", sessionId: session?.id ?? null };
    case "boot": {
      // A reboot ends whatever session the desktop had; the assignment itself stays (release is the plan's job).
      await sessions.update(
        { tenantId, desktopId: desktop.id, state: Not("ended") },
        { state: "ended", endedAt: now, endReason: "boot" },
      );
      await setDesktopSession("none");
      return { ok: true, action: "none", sessionId: null };
    }
    case "login": {
      const login = event.username ? normalizeLogin(event.username) : null;
      if (!login) return { ok: true, action: "none", sessionId: session?.id ?? null };
      const owner = desktop.assignedUserId
        ? await manager.getRepository(User).findOne({ where: { tenantId, id: desktop.assignedUserId } })
        : null;
      const expected = session?.username
        ? normalizeLogin(session.username)
        : owner
          ? normalizeLogin(owner.username)
          : null;
      if (expected === login && (session || owner)) {
        await cancelTimers(manager, tenantId, desktop.id, now);
        await setDesktopSession("logged_in");
        if (session) {
          await sessions.update({ id: session.id, tenantId }, { state: "active", lastEventAt: now });
          return { ok: true, action: "none", sessionId: session.id };
        }
        const assignment = await openAssignment(manager, tenantId, desktop.id);
        const created = await sessions.save(
          sessions.create({
            tenantId,
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
          }),
        );
        return { ok: true, action: "none", sessionId: created.id };
      }
      const rogue = await handleRogueLogin(manager, desktop, event.username!, now);
      await setDesktopSession(rogue.action === "logout" ? "none" : "logged_in");
      return { ok: true, ...rogue };
    }
    case "logout": {
      if (session) {
        await sessions.update(
          { id: session.id, tenantId },
          { state: "ended", endedAt: now, endReason: "logout", lastEventAt: now },
        );
      }
      await setDesktopSession("none");
      await scheduleAfterSessionEvent(manager, tenantId, desktop.id, "logout", now);
      return { ok: true, action: "none", sessionId: session?.id ?? null };
    }
    default: {
      const state = STATE_AFTER[event.event]!;
      if (session) await sessions.update({ id: session.id, tenantId }, { state, lastEventAt: now });
      await setDesktopSession(state === "active" ? "logged_in" : state);
      if (event.event === "disconnect")
        await scheduleAfterSessionEvent(manager, tenantId, desktop.id, "disconnect", now);
      if (event.event === "unlock") await cancelTimers(manager, tenantId, desktop.id, now);
      return { ok: true, action: "none", sessionId: session?.id ?? null };
    }
  }
}
