import type { AssignmentRule } from "@atrium/schema";
import { type Ctx, withTransaction } from "../../../context/ctx.js";
import { badInput, notFound } from "../../../errors/app-error.js";
import type { PageArgs } from "../../../graphql/connection.js";
import { paginate } from "../../../graphql/paginate.js";
import { recordAudit } from "../../../tenancy/audit.js";
import { visibleLocations } from "../decision/location-rows.js";
import { assignmentRuleSchema, ruleConditionSchema, ruleOutcomeSchema } from "../evaluator/assignment-rule.types.js";
import { describeZodError } from "../evaluator/location.types.js";
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
      after: rule,
    });
    return rule;
  });
}

export async function updateRule(ctx: Ctx, id: string, input: AssignmentRuleInput) {
  return withTransaction(ctx, async (tx) => {
    const scope = rules(tx);
    const before = { ...(await scope.getById(id)) };
    const rule = await scope.update(id, await ruleFields(tx, input));
    await recordAudit(tx, {
      action: "updateAssignmentRule",
      targetType: "AssignmentRule",
      targetId: id,
      before,
      after: rule,
    });
    return rule;
  });
}

export async function deleteRule(ctx: Ctx, id: string) {
  return withTransaction(ctx, async (tx) => {
    const rule = await rules(tx).remove(id);
    await recordAudit(tx, { action: "deleteAssignmentRule", targetType: "AssignmentRule", targetId: id, before: rule });
    return rule;
  });
}

/** The GraphQL view of a stored rule; a row the evaluator cannot parse is shown as invalid (it denies). */
export function describeRule(rule: AssignmentRule) {
  const parsed = assignmentRuleSchema.safeParse(rule);
  const base = {
    id: rule.id,
    identityProviderId: rule.identityProviderId,
    position: rule.position,
    description: rule.description,
    createdAt: rule.createdAt,
  };
  if (!parsed.success) {
    return {
      ...base,
      condition: { subjectType: "invalid", group: null, attribute: null, operator: null, value: null, locationIds: [] },
      effect: "deny",
      role: null,
      policyId: null,
      mfaRequired: false,
      gatewayOnly: false,
      html5Only: false,
      protocols: [],
      valid: false,
    };
  }
  const { subject, locationIds } = parsed.data.condition;
  const outcome = parsed.data.outcome;
  return {
    ...base,
    condition: {
      subjectType: subject.type,
      group: subject.type === "group" ? subject.group : null,
      attribute: subject.type === "attribute" ? subject.attribute : null,
      operator: subject.type === "attribute" ? subject.operator : null,
      value: subject.type === "attribute" ? subject.value : null,
      locationIds,
    },
    effect: outcome.effect,
    role: outcome.effect === "allow" ? outcome.role : null,
    policyId: outcome.effect === "allow" ? outcome.policyId : null,
    mfaRequired: outcome.effect === "allow" ? outcome.mfaRequired : false,
    gatewayOnly: outcome.effect === "allow" ? outcome.constraints.gatewayOnly : false,
    html5Only: outcome.effect === "allow" ? outcome.constraints.html5Only : false,
    protocols: outcome.effect === "allow" ? outcome.constraints.protocols : [],
    valid: true,
  };
}
