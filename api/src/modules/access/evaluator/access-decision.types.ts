import type { AccessDecisionReason, Role } from "@atrium/schema";
import type { ConnectionConstraints } from "./assignment-rule.types.js";

export interface RuleReference {
  readonly ruleId: string;
  readonly position: number;
}

/** One line per rule, in evaluation order, so an admin can see why every rule did or did not apply. */
export interface RuleTraceEntry extends RuleReference {
  /** The rule's effect, or null when the rule could not be parsed. */
  readonly effect: "allow" | "deny" | null;
  /** True when the rule took part in the decision as an allow or a deny (broken rules count as denies). */
  readonly matched: boolean;
  readonly why: string;
}

export interface AccessDecision {
  readonly allowed: boolean;
  /** The rule that decided (the first matching deny if any, else the first matching allow). */
  readonly decidedBy: RuleReference | null;
  readonly reason: AccessDecisionReason;
  /** One human-readable sentence for logs and the admin UI. */
  readonly detail: string;
  /** Set only when allowed. */
  readonly role: Role | null;
  readonly policyId: string | null;
  readonly mfaRequired: boolean;
  readonly constraints: ConnectionConstraints | null;
  /** Every valid location the client is in right now (recorded on the LoginEvent), whatever the rules. */
  readonly matchedLocationIds: readonly string[];
  readonly trace: readonly RuleTraceEntry[];
}
