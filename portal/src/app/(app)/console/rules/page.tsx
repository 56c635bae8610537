import type { Metadata } from "next";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { ConfirmAction } from "@/components/ui/confirm-action";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import {
  AssignmentRulesDocument,
  type AssignmentRulesQuery,
  IdentityProvidersDocument,
  LocationsDocument,
  PoliciesDocument,
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
  if (condition.subjectType === "group") return `Members of ${condition.group}`;
  if (condition.subjectType === "attribute") {
    return `Users whose ${condition.attribute} ${condition.operator === "matches" ? "matches" : "is"} ${condition.value}`;
  }
  return "Anyone";
}

function RuleRow({ rule, names, mayDelete }: { rule: Rule; names: Names; mayDelete: boolean }) {
  const where = rule.condition.locationIds.map((id) => names.get(id) ?? "Removed location").join(", ");
  const flags = [
    rule.mfaRequired ? "second factor" : null,
    rule.gatewayOnly ? "gateway only" : null,
    rule.html5Only ? "browser only" : null,
  ].filter(Boolean);
  return (
    <tr>
      <td className="mono">{rule.position}</td>
      <td>
        <div className="cell-title">{who(rule)}</div>
        <div className="cell-sub">
          {where ? `at ${where}` : "anywhere"}
          {rule.identityProviderId ? ` · via ${names.get(rule.identityProviderId) ?? "a removed provider"}` : ""}
        </div>
        {rule.description ? <div className="cell-sub">{rule.description}</div> : null}
      </td>
      <td>
        {!rule.valid ? (
          <Badge tone="danger">Invalid: denies</Badge>
        ) : (
          <Badge tone={rule.effect === "deny" ? "danger" : "success"}>
            {rule.effect === "deny" ? "Deny" : "Allow"}
          </Badge>
        )}
      </td>
      <td className="hide-sm">
        {rule.effect === "deny" ? (
          "—"
        ) : (
          <>
            <div>{rule.policyId ? (names.get(rule.policyId) ?? "Removed policy") : "No desktops"}</div>
            <div className="cell-sub">
              {[rule.role ? roleLabel(rule.role) : null, rule.protocols.join(", "), ...flags]
                .filter(Boolean)
                .join(" · ")}
            </div>
          </>
        )}
      </td>
      {mayDelete ? (
        <td>
          <ConfirmAction
            action={deleteRuleAction}
            fields={{ id: rule.id }}
            label="Delete"
            title={`Delete rule ${rule.position}?`}
            confirmLabel="Delete rule"
          >
            Users it matched fall through to the next rule at their next sign-in or connection.
          </ConfirmAction>
        </td>
      ) : null}
    </tr>
  );
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
        actions={
          can(viewer, "access:explain") ? (
            <Link className="btn" href="/console/explain">
              Explain access
            </Link>
          ) : null
        }
      />
      <div className="stack" style={{ gap: 16 }}>
        <section className="card" aria-labelledby="rule-list">
          <div className="card-header">
            <h2 id="rule-list">Rules in order</h2>
          </div>
          {rules.length === 0 ? (
            <EmptyState icon="◫" title="No rules yet">
              <p>Without rules, users sign in but are offered no desktops.</p>
            </EmptyState>
          ) : (
            <div className="table-wrap">
              <table className="data">
                <thead>
                  <tr>
                    <th scope="col">#</th>
                    <th scope="col">When</th>
                    <th scope="col">Effect</th>
                    <th scope="col" className="hide-sm">
                      Gives
                    </th>
                    {mayWrite ? (
                      <th scope="col">
                        <span className="sr-only">Actions</span>
                      </th>
                    ) : null}
                  </tr>
                </thead>
                <tbody>
                  {rules.map((rule) => (
                    <RuleRow key={rule.id} rule={rule} names={names} mayDelete={mayWrite} />
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
        {mayWrite ? (
          <section className="card" aria-labelledby="new-rule">
            <div className="card-header">
              <h2 id="new-rule">Add a rule</h2>
            </div>
            <div className="card-body">
              <RuleCreateForm choices={choices} />
            </div>
          </section>
        ) : null}
      </div>
    </>
  );
}
