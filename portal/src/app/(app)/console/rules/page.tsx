import type { Metadata } from "next";
import type { ReactNode } from "react";
import { ConfirmRow } from "@/components/lists/confirm-row";
import type { Column } from "@/components/lists/data-table";
import { ListCard } from "@/components/lists/list-card";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { SectionCard } from "@/components/ui/section-card";
import {
  AssignmentRulesDocument,
  type AssignmentRulesQuery,
  IdentityProvidersDocument,
  LocationsDocument,
  PoliciesDocument,
  RuleEffect,
  RuleOperator,
  RuleSubjectType,
} from "@/generated/graphql";
import { query } from "@/lib/api/server-api";
import { roleLabel } from "@/lib/format";
import { can, requirePermission } from "@/lib/viewer";
import { type RuleChoices, RuleCreateForm } from "./rule-form";
import { deleteRuleAction } from "./rules.actions";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Assignment rules" };

type Rule = AssignmentRulesQuery["assignmentRules"]["nodes"][number];
type Names = Map<string, string>;

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

/** Locations, policies and providers are named from the page's lookups (a rule holds their ids). */
function columns(names: Names): Column<Rule>[] {
  return [
    { id: "position", header: "#", className: "mono", cell: (rule) => rule.position },
    {
      id: "when",
      header: "When",
      cell: (rule) => {
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
      },
    },
    {
      id: "effect",
      header: "Effect",
      cell: (rule) =>
        !rule.valid ? (
          <Badge tone="danger">Invalid: denies</Badge>
        ) : (
          <Badge tone={rule.effect === RuleEffect.DENY ? "danger" : "success"}>
            {rule.effect === RuleEffect.DENY ? "Deny" : "Allow"}
          </Badge>
        ),
    },
    { id: "gives", header: "Gives", secondary: true, cell: (rule) => gives(rule, names) },
  ];
}

export default async function RulesPage() {
  const viewer = await requirePermission("broker:read");
  const mayWrite = can(viewer, "broker:write");
  const [{ assignmentRules }, locations, { policies }, providers] = await Promise.all([
    query(AssignmentRulesDocument, {}),
    query(LocationsDocument, {}),
    query(PoliciesDocument, {}),
    can(viewer, "identity:read") ? query(IdentityProvidersDocument, {}) : Promise.resolve({ identityProviders: [] }),
  ]);
  const allLocations = [...locations.locations.nodes, ...locations.inheritedLocations];
  const names: Names = new Map(
    [...allLocations, ...policies.nodes, ...providers.identityProviders].map((item) => [item.id, item.name]),
  );
  const rules = [...assignmentRules.nodes].sort((a, b) => a.position - b.position);
  const choices: RuleChoices = {
    providers: providers.identityProviders.map((p) => ({ value: p.id, label: `${p.name} (${p.kind.toUpperCase()})` })),
    locations: allLocations.map((location) => ({ value: location.id, label: location.name })),
    policies: policies.nodes.map((policy) => ({ value: policy.id, label: policy.name })),
    nextPosition: (rules[rules.length - 1]?.position ?? 0) + 10,
  };
  return (
    <>
      <PageHeader
        title="Assignment rules"
        description="Checked in order at sign-in and at every connection: who gets which policy and role, from where."
        link={can(viewer, "access:explain") ? { href: "/console/explain", label: "Explain access" } : null}
      />
      <div className="stack" style={{ gap: 16 }}>
        <ListCard
          title="Rules in order"
          columns={columns(names)}
          rows={rules}
          actions={
            mayWrite
              ? (rule) => (
                  <ConfirmRow
                    action={deleteRuleAction}
                    fields={{ id: rule.id }}
                    name={`rule ${rule.position}`}
                    noun="rule"
                  >
                    Users it matched fall through to the next rule at their next sign-in or connection.
                  </ConfirmRow>
                )
              : undefined
          }
          empty={
            <EmptyState icon="◫" title="No rules yet">
              <p>Without rules, users sign in but are offered no desktops.</p>
            </EmptyState>
          }
        />
        {mayWrite ? (
          <SectionCard title="Add a rule">
            <RuleCreateForm choices={choices} />
          </SectionCard>
        ) : null}
      </div>
    </>
  );
}
