import type { Metadata } from "next";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { ReportSchedulesDocument } from "@/generated/graphql";
import { query } from "@/lib/api/server-api";
import { can, requirePermission } from "@/lib/viewer";
import { DOWNLOADS, KINDS, labelOf, PERIODS } from "./report-options";
import { ScheduleActions, ScheduleCreateForm } from "./schedule-form";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Reports" };

const day = (date: Date) => date.toISOString().slice(0, 10);

export default async function ReportsPage() {
  const viewer = await requirePermission("reports:read");
  const { reportSchedules } = await query(ReportSchedulesDocument, {});
  const mayWrite = can(viewer, "notifications:write");
  const today = new Date();
  const monthStart = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), 1));
  return (
    <>
      <PageHeader title="Reports" description="Download a report for any period, or have one e-mailed on a schedule." />
      <div className="stack" style={{ gap: 16 }}>
        <section className="card" aria-labelledby="download">
          <div className="card-header">
            <h2 id="download">Download</h2>
          </div>
          {/* A plain GET to the portal's download route: the browser saves the file the API renders. */}
          <form className="toolbar" method="get" action="/reports/download" aria-label="Download a report">
            <div className="field">
              <label htmlFor="report-kind">Report</label>
              <select id="report-kind" name="report" defaultValue="login-history">
                {DOWNLOADS.map((option) => (
                  <option key={option.value} value={option.value}>
                    {option.label}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="report-from">From</label>
              <input id="report-from" type="date" name="from" defaultValue={day(monthStart)} required />
            </div>
            <div className="field">
              <label htmlFor="report-to">To (included)</label>
              <input id="report-to" type="date" name="to" defaultValue={day(today)} required />
            </div>
            <div className="field">
              <label htmlFor="report-format">Format</label>
              <select id="report-format" name="format" defaultValue="csv">
                <option value="csv">CSV</option>
                <option value="pdf">PDF</option>
              </select>
            </div>
            <button type="submit" className="btn btn-primary">
              Download
            </button>
          </form>
        </section>
        <section className="card" aria-labelledby="schedules">
          <div className="card-header">
            <h2 id="schedules">Scheduled e-mails</h2>
          </div>
          {reportSchedules.length === 0 ? (
            <EmptyState icon="✉" title="No schedules yet">
              <p>Send usage to your finance team every month, or sign-ins to security every week.</p>
            </EmptyState>
          ) : (
            <div className="table-wrap">
              <table className="data">
                <thead>
                  <tr>
                    <th scope="col">Schedule</th>
                    <th scope="col" className="hide-sm">
                      Recipients
                    </th>
                    <th scope="col">Status</th>
                    {mayWrite ? (
                      <th scope="col">
                        <span className="sr-only">Actions</span>
                      </th>
                    ) : null}
                  </tr>
                </thead>
                <tbody>
                  {reportSchedules.map((schedule) => (
                    <tr key={schedule.id}>
                      <td>
                        <div className="cell-title">{schedule.name}</div>
                        <div className="cell-sub">
                          {labelOf(KINDS, schedule.report)} · {labelOf(PERIODS, schedule.period).split(" (")[0]} at{" "}
                          {String(schedule.hour).padStart(2, "0")}:00 {schedule.timeZone} ·{" "}
                          {schedule.formats.join(" + ")}
                        </div>
                      </td>
                      <td className="hide-sm">{schedule.recipients.join(", ")}</td>
                      <td>{schedule.enabled ? <Badge tone="success">Active</Badge> : <Badge>Paused</Badge>}</td>
                      {mayWrite ? (
                        <td>
                          <ScheduleActions id={schedule.id} name={schedule.name} />
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
          <section className="card" aria-labelledby="new-schedule">
            <div className="card-header">
              <h2 id="new-schedule">New schedule</h2>
            </div>
            <div className="card-body">
              <ScheduleCreateForm />
            </div>
          </section>
        ) : null}
      </div>
    </>
  );
}
