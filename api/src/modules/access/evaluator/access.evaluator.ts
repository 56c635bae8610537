import type { AccessDecisionReason } from "@atrium/schema";
import type { AccessDecision, RuleReference, RuleTraceEntry } from "./access-decision.types.js";
import { type AssignmentRule, type AssignmentRuleInput, assignmentRuleSchema } from "./assignment-rule.types.js";
import { type CompiledLocation, describeZodError, parseLocation } from "./location.types.js";
import { type ClientContext, type LocationMatch, type MatchOutcome, matchLocation } from "./location-matcher.js";
import { type AccessSubject, matchSubject } from "./subject-matcher.js";

export interface AccessEvaluationInput {
  /** The rule list of the identity provider that authenticated the user, in any order (sorted here). */
  readonly rules: readonly AssignmentRuleInput[];
  /** Locations visible to the tenant (see mergeLocations), as stored; each is validated here. */
  readonly locations: readonly unknown[];
  readonly subject: AccessSubject;
  readonly client: ClientContext;
  /** Injected clock: the evaluator never reads the system time, so decisions are reproducible in tests. */
  readonly now: Date;
}

type LocationEntry = { readonly ok: true; readonly location: CompiledLocation } | { readonly ok: false; error: string };

type DenyReason = Exclude<AccessDecisionReason, "allowed" | "no_rule_matched" | "unknown_policy">;

interface RuleVerdict {
  readonly entry: RuleTraceEntry;
  readonly deny?: DenyReason;
  readonly allow?: AssignmentRule & { outcome: { effect: "allow" } };
}

function indexLocations(raw: readonly unknown[]): Map<string, LocationEntry> {
  const byId = new Map<string, LocationEntry>();
  for (const item of raw) {
    const parsed = parseLocation(item);
    const id = parsed.ok ? parsed.location.id : parsed.id;
    if (id === null) {
      continue; // no id: no rule can reference it
    }
    if (byId.has(id)) {
      // Two locations under one id: we cannot tell which one a rule means, so neither is trusted.
      byId.set(id, { ok: false, error: "duplicate location id" });
    } else {
      byId.set(id, parsed.ok ? parsed : { ok: false, error: parsed.error });
    }
  }
  return byId;
}

function sortKey(rule: AssignmentRuleInput): number {
  // A rule with a garbage position is invalid anyway (it denies); list it first in the trace.
  return typeof rule.position === "number" && Number.isFinite(rule.position) ? rule.position : Number.NEGATIVE_INFINITY;
}

function referenceOf(rule: AssignmentRuleInput): RuleReference {
  return { ruleId: String(rule.id), position: sortKey(rule) };
}

function evaluateRule(
  raw: AssignmentRuleInput,
  input: AccessEvaluationInput,
  locations: Map<string, LocationEntry>,
  locationMatches: Map<string, LocationMatch>,
): RuleVerdict {
  const ref = referenceOf(raw);
  const parsed = assignmentRuleSchema.safeParse(raw);
  if (!parsed.success) {
    // We cannot know whom a broken rule was meant for, so it denies everyone until an admin fixes it.
    return {
      entry: { ...ref, effect: null, matched: true, why: `invalid rule, denies: ${describeZodError(parsed.error)}` },
      deny: "invalid_rule",
    };
  }
  const rule = parsed.data;
  const effect = rule.outcome.effect;
  const subject = matchSubject(rule.condition.subject, input.subject);
  if (!subject.matched) {
    // Sound even if the rule's locations are broken: whatever they are, this rule cannot apply to this user.
    return { entry: { ...ref, effect, matched: false, why: subject.why } };
  }

  if (rule.condition.locationIds.length === 0) {
    const why = `${subject.why}; at any location`;
    return effect === "allow"
      ? { entry: { ...ref, effect, matched: true, why }, allow: { ...rule, outcome: rule.outcome } }
      : { entry: { ...ref, effect, matched: true, why }, deny: "explicit_deny" };
  }

  for (const id of rule.condition.locationIds) {
    const location = locations.get(id);
    const problem =
      location === undefined
        ? { reason: "unknown_location" as const, text: "does not exist" }
        : location.ok
          ? null
          : { reason: "invalid_location" as const, text: `is invalid (${location.error})` };
    if (problem) {
      return {
        entry: { ...ref, effect, matched: true, why: `${subject.why}; location '${id}' ${problem.text}, rule denies` },
        deny: problem.reason,
      };
    }
  }

  const results = rule.condition.locationIds.map((id) => locationMatches.get(id)!);
  const outcome: MatchOutcome = results.some((result) => result.outcome === "match")
    ? "match"
    : results.some((result) => result.outcome === "unknown")
      ? "unknown"
      : "no_match";
  const located = results.find((result) => result.outcome === outcome) ?? results[0];
  const why = `${subject.why}; ${outcome === "match" ? located.why : results.map((result) => result.why).join("; ")}`;

  if (effect === "allow") {
    return outcome === "match"
      ? { entry: { ...ref, effect, matched: true, why }, allow: { ...rule, outcome: rule.outcome } }
      : { entry: { ...ref, effect, matched: false, why } };
  }
  if (outcome === "no_match") {
    return { entry: { ...ref, effect, matched: false, why } };
  }
  // "unknown" (e.g. client address unknown) cannot rule the deny out, so it applies: fail closed.
  const suffix = outcome === "unknown" ? " (cannot be ruled out, applied)" : "";
  return { entry: { ...ref, effect, matched: true, why: `${why}${suffix}` }, deny: "explicit_deny" };
}

/**
 * Decides whether a user may use the broker from this client, now, and with which role and policy.
 * Pure: same input, same output; used at sign-in, at offer/connect and at the gateway.
 *
 * Semantics:
 * - rules are evaluated in position order (ties by id, so the order is deterministic);
 * - the first matching allow rule supplies role, policy, MFA and connection constraints;
 * - but any matching deny wins, wherever it sits in the list. Why: denies are guard rails ("contractors
 *   never from outside the office") that are often written by a different admin, at a different time, than
 *   the broad allows. If order decided, inserting an allow above a deny would silently open the hole; with
 *   deny-wins the deny set can be reviewed on its own and no reordering can bypass it (the same choice as
 *   cloud IAM's explicit deny);
 * - broken rules and references to missing or broken locations count as matching denies (fail closed);
 * - nothing matched: deny.
 * Every rule is evaluated, even after the outcome is known, so the trace explains all of them.
 */
export function evaluateAccess(input: AccessEvaluationInput): AccessDecision {
  const locations = indexLocations(input.locations);
  const locationMatches = new Map<string, LocationMatch>();
  const matchedLocationIds: string[] = [];
  for (const [id, entry] of locations) {
    if (entry.ok) {
      const match = matchLocation(entry.location, input.client, input.now);
      locationMatches.set(id, match);
      if (match.outcome === "match") {
        matchedLocationIds.push(id);
      }
    }
  }

  const ordered = [...input.rules].sort(
    (a, b) => sortKey(a) - sortKey(b) || (String(a.id) < String(b.id) ? -1 : String(a.id) > String(b.id) ? 1 : 0),
  );

  const trace: RuleTraceEntry[] = [];
  let firstDeny: { ref: RuleReference; reason: DenyReason; why: string } | null = null;
  let firstAllow: { ref: RuleReference; rule: RuleVerdict["allow"] & {}; why: string } | null = null;
  for (const raw of ordered) {
    const verdict = evaluateRule(raw, input, locations, locationMatches);
    const { ruleId, position } = verdict.entry;
    if (verdict.deny && !firstDeny) {
      firstDeny = { ref: { ruleId, position }, reason: verdict.deny, why: verdict.entry.why };
    }
    if (verdict.allow && firstAllow) {
      trace.push({ ...verdict.entry, why: `${verdict.entry.why}; an earlier allow rule decides` });
      continue;
    }
    if (verdict.allow) {
      firstAllow = { ref: { ruleId, position }, rule: verdict.allow, why: verdict.entry.why };
    }
    trace.push(verdict.entry);
  }

  const denied = {
    allowed: false,
    role: null,
    policyId: null,
    mfaRequired: false,
    constraints: null,
    matchedLocationIds,
    trace,
  } as const;
  if (firstDeny) {
    return {
      ...denied,
      decidedBy: firstDeny.ref,
      reason: firstDeny.reason,
      detail: `denied by rule ${firstDeny.ref.ruleId} at position ${firstDeny.ref.position}: ${firstDeny.why}`,
    };
  }
  if (firstAllow) {
    const { outcome } = firstAllow.rule;
    return {
      allowed: true,
      decidedBy: firstAllow.ref,
      reason: "allowed",
      detail: `allowed by rule ${firstAllow.ref.ruleId} at position ${firstAllow.ref.position}: ${firstAllow.why}`,
      role: outcome.role,
      policyId: outcome.policyId,
      mfaRequired: outcome.mfaRequired,
      constraints: { ...outcome.constraints, protocols: [...outcome.constraints.protocols] },
      matchedLocationIds,
      trace,
    };
  }
  return { ...denied, decidedBy: null, reason: "no_rule_matched", detail: "no rule matched: denied by default" };
}
