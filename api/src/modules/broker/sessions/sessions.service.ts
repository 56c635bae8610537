import type { DesktopSession } from "@atrium/schema";
import { In } from "typeorm";
import type { Ctx } from "../../../context/ctx.js";
import { badInput } from "../../../errors/app-error.js";
import type { PageArgs } from "../../../graphql/connection.js";
import { paginate } from "../../../graphql/paginate.js";
import type { DesktopSessionFilter, DesktopSessionType } from "./sessions.types.js";

function durationSeconds(session: DesktopSession, now: Date): number {
  const end = session.endedAt ?? now;
  return Math.max(0, Math.round((end.getTime() - session.startedAt.getTime()) / 1000));
}

/** Sessions of the caller's tenant, newest first, with the desktop names of the page in one extra statement. */
export async function listDesktopSessions(ctx: Ctx, page: PageArgs, filter: DesktopSessionFilter = {}) {
  if (filter.from && filter.to && filter.from >= filter.to) throw badInput("from must be before to", "from");
  const db = ctx.db.requireTenant();
  const query = db.desktopSessions.query("session");
  if (filter.openOnly) query.andWhere("session.state <> :ended", { ended: "ended" });
  if (filter.state) query.andWhere("session.state = :state", { state: filter.state });
  if (filter.userId) query.andWhere("session.userId = :userId", { userId: filter.userId });
  if (filter.desktopId) query.andWhere("session.desktopId = :desktopId", { desktopId: filter.desktopId });
  if (filter.poolId) {
    const inPool = db.desktops.query("d").select("d.id").andWhere("d.poolId = :poolId");
    query.andWhere(`session.desktopId IN (${inPool.getQuery()})`, { poolId: filter.poolId });
  }
  if (filter.from) query.andWhere("session.startedAt >= :from", { from: filter.from });
  if (filter.to) query.andWhere("session.startedAt < :to", { to: filter.to });
  const result = await paginate(query, page, [{ property: "startedAt", direction: "DESC" }]);

  const desktopIds = [...new Set(result.nodes.map((session) => session.desktopId))];
  const desktops = desktopIds.length
    ? await db.desktops.find({ select: { id: true, name: true }, where: { id: In(desktopIds) } })
    : [];
  const names = new Map(desktops.map((desktop) => [desktop.id, desktop.name]));
  const now = ctx.services.clock();
  const present = (session: DesktopSession): DesktopSessionType => ({
    ...session,
    desktopName: names.get(session.desktopId) ?? "",
    durationSeconds: durationSeconds(session, now),
  });
  return {
    ...result,
    nodes: result.nodes.map(present),
    edges: result.edges.map((edge) => ({ ...edge, node: present(edge.node) })),
  };
}

/** One session as the API shows it, with its desktop's name and its duration so far. */
export async function presentSession(ctx: Ctx, session: DesktopSession): Promise<DesktopSessionType> {
  const desktop = await ctx.db.requireTenant().desktops.findOne({ id: session.desktopId });
  return {
    ...session,
    desktopName: desktop?.name ?? "",
    durationSeconds: durationSeconds(session, ctx.services.clock()),
  };
}
