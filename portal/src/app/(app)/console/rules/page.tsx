import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { ConfirmRow } from "@/components/lists/confirm-row";
import { Badge } from "@/components/ui/badge";
import { Banner } from "@/components/ui/banner";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { SectionCard } from "@/components/ui/section-card";
import {
  AssignmentRulesDocument,
  type AssignmentRulesQuery,
  RuleEffect,
  RuleOperator,
  RuleSubjectType,
} from "@/generated/graphql";
import { query } from "@/lib/api/server-api";
import { roleLabel } from "@/lib/format";
import { can, requirePermission } from "@/lib/viewer";
import { RuleForm } from "./rule-form";
import { type Names, ruleLookups } from "./rule-lookups";
import { RuleOrderTable } from "./rule-order";
import { deleteRuleAction } from "./rules.actions";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Assignment rules" };

type Rule = AssignmentRulesQuery["assignmentRules"]["nodes"][number];

function who(rule: Rule): string {
  const { condition } = rule;
  if (condition.subjectType === RuleSubjectType.GROUP) return `Members of ${condition.group}`;
  if (condition.subjectType === RuleSubjectType.ATTRIBUTE) {
    return `Users whose ${condition.attribute} ${condition.operator === RuleOperator.MATCHES ? "matches" : "is"} ${condition.value}`;
  }
  return "Anyone";
}

function gives(rule: Rule, names: Names): ReactNode {
  if (rule.effect === RuleEffect.DENY) return "—";
  const flags = [
    rule.mfaRequired ? "second factor" : null,
    rule.gatewayOnly ? "gateway only" : null,
    rule.html5Only ? "browser only" : null,
  ];
  return (
    <>
      <div>{rule.policyId ? (names.get(rule.policyId) ?? "Removed policy") : "No desktops"}</div>
      <div className="cell-sub">
        {[rule.role ? roleLabel(rule.role) : null, rule.protocols.join(", "), ...flags].filter(Boolean).join(" · ")}
      </div>
    </>
  );
}

/** Where a rule applies and through which provider, named from the page's lookups (a rule holds their ids). */
function when(rule: Rule, names: Names): ReactNode {
  const where = rule.condition.locationIds.map((id) => names.get(id) ?? "Removed location").join(", ");
  return (
    <>
      <div className="cell-title">{who(rule)}</div>
      <div className="cell-sub">
        {where ? `at ${where}` : "anywhere"}
        {rule.identityProviderId ? ` · via ${names.get(rule.identityProviderId) ?? "a removed provider"}` : ""}
      </div>
      {rule.description ? <div className="cell-sub">{rule.description}</div> : null}
    </>
  );
}

function effect(rule: Rule): ReactNode {
  if (!rule.valid) return <Badge tone="danger">Invalid: denies</Badge>;
  return (
    <Badge tone={rule.effect === RuleEffect.DENY ? "danger" : "success"}>
      {rule.effect === RuleEffect.DENY ? "Deny" : "Allow"}
    </Badge>
  );
}

/** How the rule is named to screen readers and in its buttons: its description, else who and where. */
function ruleLabel(rule: Rule, index: number): string {
  return `rule ${index + 1}: ${rule.description ?? who(rule)}`;
}

export default async function RulesPage({ searchParams }: { searchParams: Promise<{ saved?: string }> }) {
  const viewer = await requirePermission("broker:read");
  const { saved } = await searchParams;
  const mayWrite = can(viewer, "broker:write");
  const { assignmentRules } = await query(AssignmentRulesDocument, {});
  const rules = [...assignmentRules.nodes].sort((a, b) => a.position - b.position);
  const { names, choices } = await ruleLookups(viewer, (rules[rules.length - 1]?.position ?? 0) + 10);
  return (
    <>
      <PageHeader
        title="Assignment rules"
        description="Checked in order at sign-in and at every connection: who gets which policy and role, from where."
        link={can(viewer, "access:explain") ? { href: "/console/explain", label: "Explain access" } : null}
      />
      <Banner show={saved === "rule"}>The rule was saved.</Banner>
      <div className="stack" style={{ gap: 16 }}>
        <SectionCard title="Rules in order">
          {rules.length === 0 ? (
            <EmptyState icon="◫" title="No rules yet">
              <p>Without rules, users sign in but are offered no desktops.</p>
            </EmptyState>
          ) : (
            <RuleOrderTable
              headers={["#", "When", "Effect", "Gives"]}
              secondary={[3]}
              mayReorder={mayWrite}
              rules={rules.map((rule, index) => ({
                id: rule.id,
                label: ruleLabel(rule, index),
                cells: [index + 1, when(rule, names), effect(rule), gives(rule, names)],
                actions: mayWrite ? (
                  <>
                    <Link className="btn btn-ghost btn-sm" href={`/console/rules/${rule.id}`}>
                      Edit<span className="sr-only"> {ruleLabel(rule, index)}</span>
                    </Link>
                    <ConfirmRow
                      action={deleteRuleAction}
                      fields={{ id: rule.id }}
                      name={ruleLabel(rule, index)}
                      noun="rule"
                    >
                      Users it matched fall through to the next rule at their next sign-in or connection.
                    </ConfirmRow>
                  </>
                ) : null,
              }))}
            />
          )}
        </SectionCard>
        {mayWrite ? (
          <SectionCard title="Add a rule">
            <RuleForm choices={choices} />
          </SectionCard>
        ) : null}
      </div>
    </>
  );
}
