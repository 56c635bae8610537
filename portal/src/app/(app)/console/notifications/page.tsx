import type { Metadata } from "next";
import { ConfirmRow } from "@/components/lists/confirm-row";
import type { Column } from "@/components/lists/data-table";
import { ListCard } from "@/components/lists/list-card";
import { SettingsOwner } from "@/components/shell/settings-owner";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { NotificationsDocument, type NotificationsQuery } from "@/generated/graphql";
import { query } from "@/lib/api/server-api";
import { optionLabel } from "@/lib/enums";
import { formatDateTime } from "@/lib/format";
import { requirePermission } from "@/lib/viewer";
import { AlertRuleCreateForm, SmtpForm, TestEmailForm } from "./notification-forms";
import { ALERT_KINDS, conditionOf } from "./notification-options";
import { deleteAlertRuleAction } from "./notifications.actions";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Notifications" };

type Data = NotificationsQuery;

const RULE_COLUMNS: Column<Data["alertRules"][number]>[] = [
  {
    id: "rule",
    header: "Rule",
    cell: (rule) => (
      <>
        <div className="cell-title">{rule.name}</div>
        <div className="cell-sub">
          {optionLabel(ALERT_KINDS, rule.kind)} · {conditionOf(rule)} · at most {rule.maxEmailsPerHour} e-mails per hour
        </div>
      </>
    ),
  },
  { id: "recipients", header: "Recipients", secondary: true, cell: (rule) => rule.recipients.join(", ") },
  {
    id: "status",
    header: "Status",
    cell: (rule) => (rule.enabled ? <Badge tone="success">Active</Badge> : <Badge>Paused</Badge>),
  },
];

/** An alert names its rule, from the rules on the same page. */
function alertColumns(ruleNames: Map<string, string>): Column<Data["alerts"][number]>[] {
  return [
    {
      id: "alert",
      header: "Alert",
      cell: (alert) => (
        <>
          <div className="cell-title">{alert.subjectLabel}</div>
          <div className="cell-sub">{alert.message}</div>
        </>
      ),
    },
    { id: "rule", header: "Rule", secondary: true, cell: (alert) => ruleNames.get(alert.ruleId) ?? "—" },
    { id: "since", header: "Since", cell: (alert) => formatDateTime(alert.openedAt) },
  ];
}

// Every operation here but the alert list needs notifications:write, so the page asks for it up front.
export default async function NotificationsPage() {
  await requirePermission("notifications:write");
  const { smtpSettings, alertRules, alerts } = await query(NotificationsDocument, {});
  return (
    <>
      <PageHeader
        title="Notifications"
        description="Your own mail server for alerts and reports, the conditions that e-mail someone, and what is wrong now."
      />
      <SettingsOwner what="mail server and alert rules" />
      <div className="stack" style={{ gap: 16 }}>
        <section className="card" aria-labelledby="mail-server">
          <div className="card-header">
            <h2 id="mail-server">Mail server</h2>
            {smtpSettings ? <Badge tone="info">Own mail server</Badge> : <Badge>Provider's mail server</Badge>}
          </div>
          <div className="card-body stack">
            <p className="muted">
              Without settings of your own, e-mails go out through your provider's mail server. The password is
              write-only: it is never shown again.
            </p>
            <SmtpForm settings={smtpSettings ?? null} />
            <TestEmailForm />
          </div>
        </section>
        <ListCard
          title="Alert rules"
          columns={RULE_COLUMNS}
          rows={alertRules}
          actions={(rule) => (
            <ConfirmRow action={deleteAlertRuleAction} fields={{ id: rule.id }} name={rule.name} noun="alert rule">
              Nobody is e-mailed for this condition any more. Its alerts are removed with it.
            </ConfirmRow>
          )}
          empty={
            <EmptyState icon="⚑" title="No alert rules yet">
              <p>E-mail the on-call team when a pool runs low or sign-ins start failing.</p>
            </EmptyState>
          }
          footer={
            <div className="card-body">
              <AlertRuleCreateForm />
            </div>
          }
        />
        <ListCard
          title="Open alerts"
          columns={alertColumns(new Map(alertRules.map((rule) => [rule.id, rule.name])))}
          rows={alerts}
          empty={
            <EmptyState icon="✓" title="No open alerts">
              <p>An alert opens when a rule's condition holds and closes by itself once it no longer does.</p>
            </EmptyState>
          }
        />
      </div>
    </>
  );
}
