import type { Metadata } from "next";
import Link from "next/link";
import { ConfirmAction } from "@/components/ui/confirm-action";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { PlansDocument, PoliciesDocument, PoolsDocument } from "@/generated/graphql";
import { query } from "@/lib/api/server-api";
import { can, requirePermission } from "@/lib/viewer";
import { deletePolicyAction } from "./policies.actions";
import { type PolicyChoices, PolicyCreateForm } from "./policy-form";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Policies" };

const ROGUE_TEXT: Record<string, string> = { log: "recorded", assign: "assigned", logout: "signed out" };

export default async function PoliciesPage() {
  const viewer = await requirePermission("broker:read");
  const [{ policies }, plans, { pools }] = await Promise.all([
    query(PoliciesDocument, {}),
    query(PlansDocument, {}),
    query(PoolsDocument, { first: 200, after: null }),
  ]);
  const options = (nodes: { id: string; name: string }[]) =>
    nodes.map((node) => ({ value: node.id, label: node.name }));
  const choices: PolicyChoices = {
    pools: options(pools.nodes),
    protocolPlans: options(plans.protocolPlans.nodes),
    powerPlans: options(plans.powerPlans.nodes),
    releasePlans: options(plans.releasePlans.nodes),
  };
  const nameOf = (list: { value: string; label: string }[], id: string | null) =>
    id ? (list.find((option) => option.value === id)?.label ?? "Removed") : null;
  const mayWrite = can(viewer, "broker:write");
  return (
    <>
      <PageHeader
        title="Policies"
        description="What a user is offered: which pools, how many desktops, and with which plans. Assignment rules pick one policy per user."
        actions={
          <Link className="btn" href="/console/plans">
            Plans
          </Link>
        }
      />
      <div className="stack" style={{ gap: 16 }}>
        <section className="card" aria-labelledby="policy-list">
          <div className="card-header">
            <h2 id="policy-list">Policies</h2>
          </div>
          {policies.nodes.length === 0 ? (
            <EmptyState icon="◈" title="No policies yet">
              <p>Create a policy, then an assignment rule that gives it to your users.</p>
            </EmptyState>
          ) : (
            <div className="table-wrap">
              <table className="data">
                <thead>
                  <tr>
                    <th scope="col">Policy</th>
                    <th scope="col">Pools offered</th>
                    <th scope="col" className="hide-sm">
                      Limits
                    </th>
                    {mayWrite ? (
                      <th scope="col">
                        <span className="sr-only">Actions</span>
                      </th>
                    ) : null}
                  </tr>
                </thead>
                <tbody>
                  {policies.nodes.map((policy) => (
                    <tr key={policy.id}>
                      <td>
                        <div className="cell-title">{policy.name}</div>
                        {policy.description ? <div className="cell-sub">{policy.description}</div> : null}
                      </td>
                      <td>
                        {policy.entitlements.length === 0 ? (
                          "None"
                        ) : (
                          <ul className="plain-list">
                            {policy.entitlements.map((entitlement) => (
                              <li key={entitlement.id}>
                                <strong>{nameOf(choices.pools, entitlement.poolId)}</strong>: {entitlement.offerCount}{" "}
                                {entitlement.persistent ? "persistent" : "floating"}
                                {entitlement.protocolPlanId
                                  ? ` · ${nameOf(choices.protocolPlans, entitlement.protocolPlanId)}`
                                  : ""}
                              </li>
                            ))}
                          </ul>
                        )}
                      </td>
                      <td className="hide-sm">
                        {policy.maxDesktops ? `${policy.maxDesktops} per user` : "No limit"}
                        <div className="cell-sub">
                          Rogue sign-ins {ROGUE_TEXT[policy.rogueAction] ?? policy.rogueAction}
                        </div>
                      </td>
                      {mayWrite ? (
                        <td>
                          <ConfirmAction
                            action={deletePolicyAction}
                            fields={{ id: policy.id }}
                            label="Delete"
                            title={`Delete ${policy.name}?`}
                            confirmLabel="Delete policy"
                          >
                            Users whose rule gives them this policy are offered nothing until the rule changes.
                          </ConfirmAction>
                        </td>
                      ) : null}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
        {mayWrite ? (
          <section className="card" aria-labelledby="new-policy">
            <div className="card-header">
              <h2 id="new-policy">New policy</h2>
            </div>
            <div className="card-body">
              <PolicyCreateForm choices={choices} />
            </div>
          </section>
        ) : null}
      </div>
    </>
  );
}
