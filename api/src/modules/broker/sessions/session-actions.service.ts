import type { AgentCommand, DesktopSession } from "@atrium/schema";
import { type Ctx, withTransaction } from "../../../context/ctx.js";
import type { OneTenantDb } from "../../../db/index.js";
import { conflict } from "../../../errors/app-error.js";
import { recordAudit } from "../../../tenancy/audit.js";
import { scheduleAfterSessionEvent } from "./lifecycle.service.js";

/*
 * What the helpdesk does to a user's desktop session: end it, disconnect it or show the user a message. The desktop's
 * agent carries each one out (it receives the request with the reply to its next event); the session row changes at
 * once so the helpdesk sees what it asked for, and the timers a logout or disconnect starts run as if the user did it.
 */

async function openSession(db: OneTenantDb, id: string): Promise<DesktopSession> {
  const session = await db.desktopSessions.getById(id);
  if (session.state === "ended") throw conflict(`The session of ${session.username} has already ended`);
  return session;
}

async function queueForAgent(ctx: Ctx, session: DesktopSession, command: Omit<AgentCommand, "requestedAt">) {
  const db = ctx.db.requireTenant();
  const desktop = await db.desktops.getById(session.desktopId);
  const queued = [...(desktop.agentCommands ?? []), { ...command, requestedAt: ctx.clock().toISOString() }];
  await db.desktops.updateWhere({ id: desktop.id }, { agentCommands: queued });
}

/** How ending and disconnecting change the session, the desktop's summary and the timers they start. */
const STOPS = {
  logout: { state: "ended", summary: "none", audit: "endDesktopSession" },
  disconnect: { state: "disconnected", summary: "disconnected", audit: "disconnectDesktopSession" },
} as const;

async function stopSession(ctx: Ctx, id: string, kind: keyof typeof STOPS): Promise<DesktopSession> {
  const stop = STOPS[kind];
  return withTransaction(ctx, async (tx) => {
    const db = tx.db.requireTenant();
    const session = await openSession(db, id);
    if (session.state === stop.state) return session;
    const now = tx.clock();
    await queueForAgent(tx, session, { kind, sessionId: session.id });
    const ended = kind === "logout" ? { endedAt: now, endReason: "helpdesk" as const } : {};
    await db.desktopSessions.updateWhere({ id: session.id }, { state: stop.state, lastEventAt: now, ...ended });
    await db.desktops.updateWhere({ id: session.desktopId }, { sessionState: stop.summary });
    await scheduleAfterSessionEvent(db, session.desktopId, kind, now);
    await recordAudit(tx, {
      action: stop.audit,
      targetType: "DesktopSession",
      targetId: session.id,
      before: { username: session.username, state: session.state },
      after: { username: session.username, state: stop.state, desktopId: session.desktopId },
    });
    return db.desktopSessions.getById(session.id);
  });
}

export const endDesktopSession = (ctx: Ctx, id: string) => stopSession(ctx, id, "logout");

/** The user stays signed in on the desktop and can reconnect; the plan's disconnect timers start. */
export const disconnectDesktopSession = (ctx: Ctx, id: string) => stopSession(ctx, id, "disconnect");

export async function messageDesktopSession(ctx: Ctx, id: string, text: string): Promise<DesktopSession> {
  return withTransaction(ctx, async (tx) => {
    const session = await openSession(tx.db.requireTenant(), id);
    await queueForAgent(tx, session, { kind: "message", sessionId: session.id, text });
    await recordAudit(tx, {
      action: "messageDesktopSession",
      targetType: "DesktopSession",
      targetId: session.id,
      after: { username: session.username, desktopId: session.desktopId, text },
    });
    return session;
  });
}

/** Hands the agent what was asked of it since its last event, once: the desktop row forgets them as they go. */
export async function takeAgentCommands(db: OneTenantDb, desktopId: string): Promise<AgentCommand[]> {
  const desktop = await db.desktops.findOne({ id: desktopId });
  const commands = desktop?.agentCommands ?? [];
  if (commands.length) await db.desktops.updateWhere({ id: desktopId }, { agentCommands: null });
  return commands;
}
