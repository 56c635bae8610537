import type { Metadata } from "next";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { NotificationsDocument } from "@/generated/graphql";
import { query } from "@/lib/api/server-api";
import { formatDateTime } from "@/lib/format";
import { requirePermission } from "@/lib/viewer";
import { labelOf } from "../reports/report-options";
import { AlertRuleCreateForm, AlertRuleDelete, SmtpForm, TestEmailForm } from "./notification-forms";
import { ALERT_KINDS, conditionOf } from "./notification-options";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Notifications" };

// Every operation here but the alert list needs notifications:write, so the page asks for it up front.
export default async function NotificationsPage() {
  await requirePermission("notifications:write");
  const { smtpSettings, alertRules, alerts } = await query(NotificationsDocument, {});
  const ruleNames = new Map(alertRules.map((rule) => [rule.id, rule.name]));
  return (
    <>
      <PageHeader
        title="Notifications"
        description="Your own mail server for alerts and reports, the conditions that e-mail someone, and what is wrong now."
      />
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
        <section className="card" aria-labelledby="alert-rules">
          <div className="card-header">
            <h2 id="alert-rules">Alert rules</h2>
          </div>
          {alertRules.length === 0 ? (
            <EmptyState icon="⚑" title="No alert rules yet">
              <p>E-mail the on-call team when a pool runs low or sign-ins start failing.</p>
            </EmptyState>
          ) : (
            <div className="table-wrap">
              <table className="data">
                <thead>
                  <tr>
                    <th scope="col">Rule</th>
                    <th scope="col" className="hide-sm">
                      Recipients
                    </th>
                    <th scope="col">Status</th>
                    <th scope="col">
                      <span className="sr-only">Actions</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {alertRules.map((rule) => (
                    <tr key={rule.id}>
                      <td>
                        <div className="cell-title">{rule.name}</div>
                        <div className="cell-sub">
                          {labelOf(ALERT_KINDS, rule.kind)} · {conditionOf(rule)} · at most {rule.maxEmailsPerHour}{" "}
                          e-mails per hour
                        </div>
                      </td>
                      <td className="hide-sm">{rule.recipients.join(", ")}</td>
                      <td>{rule.enabled ? <Badge tone="success">Active</Badge> : <Badge>Paused</Badge>}</td>
                      <td>
                        <AlertRuleDelete id={rule.id} name={rule.name} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <div className="card-body">
            <AlertRuleCreateForm />
          </div>
        </section>
        <section className="card" aria-labelledby="open-alerts">
          <div className="card-header">
            <h2 id="open-alerts">Open alerts</h2>
          </div>
          {alerts.length === 0 ? (
            <EmptyState icon="✓" title="No open alerts">
              <p>An alert opens when a rule's condition holds and closes by itself once it no longer does.</p>
            </EmptyState>
          ) : (
            <div className="table-wrap">
              <table className="data">
                <thead>
                  <tr>
                    <th scope="col">Alert</th>
                    <th scope="col" className="hide-sm">
                      Rule
                    </th>
                    <th scope="col">Since</th>
                  </tr>
                </thead>
                <tbody>
                  {alerts.map((alert) => (
                    <tr key={alert.id}>
                      <td>
                        <div className="cell-title">{alert.subjectLabel}</div>
                        <div className="cell-sub">{alert.message}</div>
                      </td>
                      <td className="hide-sm">{ruleNames.get(alert.ruleId) ?? "—"}</td>
                      <td>{formatDateTime(alert.openedAt)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      </div>
    </>
  );
}
