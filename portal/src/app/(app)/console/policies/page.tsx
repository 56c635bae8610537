import type { Metadata } from "next";
import { ConfirmRow } from "@/components/lists/confirm-row";
import type { Column } from "@/components/lists/data-table";
import { ListCard } from "@/components/lists/list-card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { SectionCard } from "@/components/ui/section-card";
import {
  PlansDocument,
  PoliciesDocument,
  type PoliciesQuery,
  PoolsDocument,
  type RogueLoginAction,
} from "@/generated/graphql";
import { query } from "@/lib/api/server-api";
import { can, requirePermission } from "@/lib/viewer";
import { deletePolicyAction } from "./policies.actions";
import { type PolicyChoices, PolicyCreateForm } from "./policy-form";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Policies" };

const ROGUE_TEXT: Record<RogueLoginAction, string> = { LOG: "recorded", ASSIGN: "assigned", LOGOUT: "signed out" };

type Policy = PoliciesQuery["policies"]["nodes"][number];
type Option = { value: string; label: string };

const nameOf = (list: Option[], id: string | null) =>
  id ? (list.find((option) => option.value === id)?.label ?? "Removed") : null;

/** Pools and plans are named from the page's choices (the policy holds their ids). */
function columns(choices: PolicyChoices): Column<Policy>[] {
  return [
    {
      id: "policy",
      header: "Policy",
      cell: (policy) => (
        <>
          <div className="cell-title">{policy.name}</div>
          {policy.description ? <div className="cell-sub">{policy.description}</div> : null}
        </>
      ),
    },
    {
      id: "pools",
      header: "Pools offered",
      cell: (policy) =>
        policy.entitlements.length === 0 ? (
          "None"
        ) : (
          <ul className="plain-list">
            {policy.entitlements.map((entitlement) => (
              <li key={entitlement.id}>
                <strong>{nameOf(choices.pools, entitlement.poolId)}</strong>: {entitlement.offerCount}{" "}
                {entitlement.persistent ? "persistent" : "floating"}
                {entitlement.protocolPlanId ? ` · ${nameOf(choices.protocolPlans, entitlement.protocolPlanId)}` : ""}
              </li>
            ))}
          </ul>
        ),
    },
    {
      id: "limits",
      header: "Limits",
      secondary: true,
      cell: (policy) => (
        <>
          {policy.maxDesktops ? `${policy.maxDesktops} per user` : "No limit"}
          <div className="cell-sub">Rogue sign-ins {ROGUE_TEXT[policy.rogueAction]}</div>
        </>
      ),
    },
  ];
}

export default async function PoliciesPage() {
  const viewer = await requirePermission("broker:read");
  const [{ policies }, plans, { pools }] = await Promise.all([
    query(PoliciesDocument, {}),
    query(PlansDocument, {}),
    query(PoolsDocument, { first: 200, after: null }),
  ]);
  const options = (nodes: { id: string; name: string }[]): Option[] =>
    nodes.map((node) => ({ value: node.id, label: node.name }));
  const choices: PolicyChoices = {
    pools: options(pools.nodes),
    protocolPlans: options(plans.protocolPlans.nodes),
    powerPlans: options(plans.powerPlans.nodes),
    releasePlans: options(plans.releasePlans.nodes),
  };
  const mayWrite = can(viewer, "broker:write");
  return (
    <>
      <PageHeader
        title="Policies"
        description="What a user is offered: which pools, how many desktops, and with which plans. Assignment rules pick one policy per user."
        link={{ href: "/console/plans", label: "Plans" }}
      />
      <div className="stack" style={{ gap: 16 }}>
        <ListCard
          title="Policies"
          columns={columns(choices)}
          rows={policies.nodes}
          actions={
            mayWrite
              ? (policy) => (
                  <ConfirmRow action={deletePolicyAction} fields={{ id: policy.id }} name={policy.name} noun="policy">
                    Users whose rule gives them this policy are offered nothing until the rule changes.
                  </ConfirmRow>
                )
              : undefined
          }
          empty={
            <EmptyState icon="◈" title="No policies yet">
              <p>Create a policy, then an assignment rule that gives it to your users.</p>
            </EmptyState>
          }
        />
        {mayWrite ? (
          <SectionCard title="New policy">
            <PolicyCreateForm choices={choices} />
          </SectionCard>
        ) : null}
      </div>
    </>
  );
}
