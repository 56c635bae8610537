import type { Metadata } from "next";
import type { ReactNode } from "react";
import { ConfirmRow } from "@/components/lists/confirm-row";
import { ListCard } from "@/components/lists/list-card";
import { PageHeader } from "@/components/ui/page-header";
import { PlanPowerAction, PlansDocument } from "@/generated/graphql";
import { query } from "@/lib/api/server-api";
import { optionLabel } from "@/lib/enums";
import { can, requirePermission } from "@/lib/viewer";
import { PowerPlanForm, ProtocolPlanForm, ReleasePlanForm } from "./plan-forms";
import { GATEWAY, POWER_ACTIONS, RELEASE_ACTIONS } from "./plan-options";
import { deletePlanAction } from "./plans.actions";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Plans" };

interface PlanRow {
  id: string;
  name: string;
  summary: ReactNode;
}

function PlanSection({
  title,
  intro,
  kind,
  rows,
  form,
}: {
  title: string;
  intro: string;
  kind: string;
  rows: PlanRow[];
  form: ReactNode | null;
}) {
  return (
    <ListCard
      title={title}
      description={intro}
      rows={rows}
      render={(plans) => (
        <ul className="event-list" aria-label={title}>
          {plans.map((row) => (
            <li key={row.id} className="plan-row">
              <strong>{row.name}</strong>
              <span className="cell-sub">{row.summary}</span>
              {form ? (
                <ConfirmRow action={deletePlanAction} fields={{ id: row.id, kind }} name={row.name} noun="plan">
                  Policies that use it fall back to the default. A plan still in use cannot be deleted.
                </ConfirmRow>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      empty={<p className="card-body muted">None yet.</p>}
      footer={
        form ? (
          <details className="card-body plan-new">
            <summary>New {title.toLowerCase().replace(/s$/, "")}</summary>
            {form}
          </details>
        ) : null
      }
    />
  );
}

const after = (action: PlanPowerAction, minutes: number) =>
  action === PlanPowerAction.NONE ? null : `${optionLabel(POWER_ACTIONS, action)} after ${minutes} min`;

export default async function PlansPage() {
  const viewer = await requirePermission("broker:read");
  const { protocolPlans, powerPlans, releasePlans } = await query(PlansDocument, {});
  const mayWrite = can(viewer, "broker:write");
  return (
    <>
      <PageHeader
        title="Plans"
        description="How users connect, what happens to idle desktops and when desktops return to their pool. Policies pick a plan per pool."
        crumbs={[{ href: "/console/policies", label: "Policies" }]}
      />
      <div className="stack" style={{ gap: 16 }}>
        <PlanSection
          title="Protocol plans"
          intro="Protocols in order of preference, direct or through the gateway."
          kind="protocol"
          rows={protocolPlans.nodes.map((plan) => ({
            id: plan.id,
            name: plan.name,
            summary: [...plan.protocols]
              .sort((a, b) => a.priority - b.priority)
              .map((setting) => `${setting.protocol} (${optionLabel(GATEWAY, setting.gateway).toLowerCase()})`)
              .join(", "),
          }))}
          form={mayWrite ? <ProtocolPlanForm /> : null}
        />
        <PlanSection
          title="Power plans"
          intro="Power actions after a disconnect, a logout or a release."
          kind="power"
          rows={powerPlans.nodes.map((plan) => ({
            id: plan.id,
            name: plan.name,
            summary:
              [
                after(plan.onDisconnect, plan.onDisconnectMinutes),
                after(plan.onLogout, plan.onLogoutMinutes),
                after(plan.onRelease, plan.onReleaseMinutes),
              ]
                .map((text, index) => (text ? `${["Disconnect", "Logout", "Release"][index]}: ${text}` : null))
                .filter(Boolean)
                .join(" · ") || "Never changes power",
          }))}
          form={mayWrite ? <PowerPlanForm /> : null}
        />
        <PlanSection
          title="Release plans"
          intro="When a desktop returns to its pool, and what happens to it then."
          kind="release"
          rows={releasePlans.nodes.map((plan) => ({
            id: plan.id,
            name: plan.name,
            summary: [
              plan.releaseAfterDisconnectMinutes !== null
                ? `${plan.releaseAfterDisconnectMinutes} min after a disconnect`
                : null,
              plan.releaseAfterLogoutMinutes !== null ? `${plan.releaseAfterLogoutMinutes} min after a logout` : null,
              `then ${optionLabel(RELEASE_ACTIONS, plan.onRelease).toLowerCase()}`,
            ]
              .filter(Boolean)
              .join(", "),
          }))}
          form={mayWrite ? <ReleasePlanForm /> : null}
        />
      </div>
    </>
  );
}
