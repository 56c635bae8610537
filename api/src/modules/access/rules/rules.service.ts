import type { AssignmentRule } from "@atrium/schema";
import { type Ctx, withTransaction } from "../../../context/ctx.js";
import { badInput, notFound } from "../../../errors/app-error.js";
import type { PageArgs } from "../../../graphql/connection.js";
import { paginate } from "../../../graphql/paginate.js";
import { recordAudit } from "../../../tenancy/audit.js";
import { lockForEdit, staleEdit } from "../../../tenancy/edit-guard.js";
import { namedRule, namedRuleOrder } from "../access-audit.js";
import { visibleLocations } from "../decision/location-rows.js";
import { ruleConditionSchema, ruleOutcomeSchema } from "../evaluator/assignment-rule.types.js";
import { describeZodError } from "../evaluator/location.types.js";
import { describeRule } from "./rule-view.js";
import type { AssignmentRuleInput } from "./rules.types.js";

const rules = (ctx: Ctx) => ctx.db.requireTenant().assignmentRules;

export async function listRules(ctx: Ctx, page: PageArgs, identityProviderId?: string | null) {
  const query = rules(ctx).query("rule");
  if (identityProviderId !== undefined) {
    if (identityProviderId === null) query.andWhere("rule.identityProviderId IS NULL");
    else query.andWhere("rule.identityProviderId = :providerId", { providerId: identityProviderId });
  }
  const result = await paginate(query, page, [{ property: "position", direction: "ASC" }]);
  return {
    ...result,
    nodes: result.nodes.map(describeRule),
    edges: result.edges.map((edge) => ({ node: describeRule(edge.node), cursor: edge.cursor })),
  };
}

export function getRule(ctx: Ctx, id: string) {
  return rules(ctx).getById(id);
}

/**
 * Builds the stored JSON with the evaluator's own schemas and checks every reference inside the tenant, so an admin
 * learns about a mistake now instead of users being denied later.
 */
async function ruleFields(tx: Ctx, input: AssignmentRuleInput) {
  const subject =
    input.subjectType === "group"
      ? { type: "group", group: input.group }
      : input.subjectType === "attribute"
        ? {
            type: "attribute",
            attribute: input.attribute,
            operator: input.operator ?? "equals",
            value: input.value ?? "",
            ignoreCase: true,
          }
        : { type: "any" };
  const condition = ruleConditionSchema.safeParse({ subject, locationIds: input.locationIds });
  if (!condition.success) throw badInput(`Invalid rule condition: ${describeZodError(condition.error)}`);
  const outcome = ruleOutcomeSchema.safeParse(
    input.effect === "deny"
      ? { effect: "deny" }
      : {
          effect: "allow",
          role: input.role ?? "tenant_user",
          policyId: input.policyId,
          mfaRequired: input.mfaRequired,
          constraints: { gatewayOnly: input.gatewayOnly, html5Only: input.html5Only, protocols: input.protocols },
        },
  );
  if (!outcome.success) throw badInput(`Invalid rule outcome: ${describeZodError(outcome.error)}`);
  // A rule belongs to one of the tenant's own providers (or none): another tenant's provider is NOT_FOUND.
  if (input.identityProviderId) await tx.db.requireTenant().identityProviders.getById(input.identityProviderId);
  if (outcome.data.effect === "allow") {
    if (!outcome.data.role.startsWith("tenant_")) throw badInput("A tenant rule can only grant tenant roles", "role");
    await tx.db.requireTenant().policies.getById(outcome.data.policyId);
  }
  if (input.locationIds.length > 0) {
    const { locations } = await visibleLocations(tx.db.requireTenant());
    const known = new Set(locations.map((location) => location.id));
    // Another tenant's location is answered like an unknown id, as every foreign reference is.
    if (input.locationIds.some((id) => !known.has(id))) throw notFound("Location");
  }
  return {
    identityProviderId: input.identityProviderId ?? null,
    position: input.position,
    description: input.description ?? null,
    condition: condition.data as unknown as Record<string, unknown>,
    outcome: outcome.data as unknown as Record<string, unknown>,
  };
}

export async function createRule(ctx: Ctx, input: AssignmentRuleInput) {
  return withTransaction(ctx, async (tx) => {
    const rule = await rules(tx).insert(await ruleFields(tx, input));
    await recordAudit(tx, {
      action: "createAssignmentRule",
      targetType: "AssignmentRule",
      targetId: rule.id,
      after: await namedRule(tx, rule),
    });
    return rule;
  });
}

export async function updateRule(ctx: Ctx, id: string, input: AssignmentRuleInput, expectedUpdatedAt?: Date | null) {
  return withTransaction(ctx, async (tx) => {
    const scope = rules(tx);
    const before = await namedRule(tx, await lockForEdit(scope, id, expectedUpdatedAt, "Assignment rule"));
    const rule = await scope.update(id, await ruleFields(tx, input));
    await recordAudit(tx, {
      action: "updateAssignmentRule",
      targetType: "AssignmentRule",
      targetId: id,
      before,
      after: await namedRule(tx, rule),
    });
    return rule;
  });
}

export async function deleteRule(ctx: Ctx, id: string) {
  return withTransaction(ctx, async (tx) => {
    const rule = await rules(tx).remove(id);
    await recordAudit(tx, {
      action: "deleteAssignmentRule",
      targetType: "AssignmentRule",
      targetId: id,
      before: await namedRule(tx, rule),
    });
    return rule;
  });
}

/**
 * Puts every rule of the tenant in the given order in one transaction (positions 10, 20, …), so no sign-in ever
 * sees half a reorder. The list must name each rule exactly once: a rule missing from it was added since the admin
 * loaded the page (refused as a stale edit, since the admin never placed it); an unknown or foreign id is NOT_FOUND.
 */
export async function reorderRules(ctx: Ctx, ids: string[]) {
  return withTransaction(ctx, async (tx) => {
    const scope = rules(tx);
    if (new Set(ids).size !== ids.length) throw badInput("Each rule may appear only once", "ids");
    const current = await scope.query("rule").setLock("pessimistic_write").orderBy("rule.position", "ASC").getMany();
    const byId = new Map(current.map((rule) => [rule.id, rule]));
    if (ids.some((id) => !byId.has(id))) throw notFound("Assignment rule");
    if (ids.length !== current.length) throw staleEdit("The rule list");
    const ordered = ids.map((id, index) => ({ rule: byId.get(id) as AssignmentRule, position: (index + 1) * 10 }));
    for (const { rule, position } of ordered) {
      if (rule.position !== position) await scope.updateWhere({ id: rule.id }, { position });
    }
    const after = await scope.query("rule").orderBy("rule.position", "ASC").getMany();
    await recordAudit(tx, {
      action: "reorderAssignmentRules",
      targetType: "AssignmentRule",
      before: { order: await namedRuleOrder(tx, current) },
      after: { order: await namedRuleOrder(tx, after) },
    });
    return after;
  });
}
