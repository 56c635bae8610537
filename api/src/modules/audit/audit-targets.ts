import type { AuditEvent } from "@atrium/schema";
import type { Ctx } from "../../context/ctx.js";
import type { OneTenantDb } from "../../db/index.js";

/*
 * The audit log names what an entry is about by its current name (a renamed pool shows its new name), read in one
 * statement per kind for a whole page; an object that is gone keeps the name its entry recorded.
 */

type Named = { id: string; label: string };
type Reader = (db: OneTenantDb, ids: string[]) => Promise<Named[]>;

const byName =
  <T extends { id: string; name: string }>(
    pick: (db: OneTenantDb) => { findByIds(ids: readonly string[]): Promise<T[]> },
  ) =>
  async (db: OneTenantDb, ids: string[]) =>
    (await pick(db).findByIds(ids)).map((row) => ({ id: row.id, label: row.name }));

const READERS: Record<string, Reader> = {
  AlertRule: byName((db) => db.alertRules),
  ApiKey: byName((db) => db.apiKeys),
  Desktop: byName((db) => db.desktops),
  Group: byName((db) => db.groups),
  IdentityProvider: byName((db) => db.identityProviders),
  Location: byName((db) => db.locations),
  Policy: byName((db) => db.policies),
  Pool: byName((db) => db.pools),
  PowerPlan: byName((db) => db.powerPlans),
  ProtocolPlan: byName((db) => db.protocolPlans),
  ReleasePlan: byName((db) => db.releasePlans),
  ReportSchedule: byName((db) => db.reportSchedules),
  User: async (db, ids) =>
    (await db.users.findByIds(ids)).map((user) => ({
      id: user.id,
      label: user.displayName ? `${user.displayName} (${user.username})` : user.username,
    })),
  AssignmentRule: async (db, ids) =>
    (await db.assignmentRules.findByIds(ids)).map((rule) => ({
      id: rule.id,
      label: rule.description ?? `Rule at position ${rule.position}`,
    })),
};

/** The name an entry recorded of its target (its after, else its before), for objects that are gone. */
function recordedName(event: AuditEvent): string | null {
  for (const state of [event.after, event.before]) {
    const name = state?.name ?? state?.username ?? state?.description;
    if (typeof name === "string" && name) return name;
  }
  return null;
}

/** Each event with `targetName`: the target's current name in the tenant, or the one recorded, or null. */
export async function withTargetNames<E extends AuditEvent>(ctx: Ctx | null, events: E[]) {
  const current = new Map<string, string>();
  if (ctx) {
    const db = ctx.db.requireTenant();
    const wanted = new Map<string, Set<string>>();
    for (const event of events) {
      if (!event.targetType || !event.targetId || !READERS[event.targetType]) continue;
      const ids = wanted.get(event.targetType) ?? new Set<string>();
      ids.add(event.targetId);
      wanted.set(event.targetType, ids);
    }
    for (const [kind, ids] of wanted) {
      for (const row of await (READERS[kind] as Reader)(db, [...ids])) current.set(`${kind}:${row.id}`, row.label);
    }
  }
  return events.map((event) => ({
    ...event,
    targetName: current.get(`${event.targetType}:${event.targetId}`) ?? recordedName(event),
    targetExists: current.has(`${event.targetType}:${event.targetId}`),
  }));
}
