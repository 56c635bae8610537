import type { Metadata } from "next";
import type { Column } from "@/components/lists/data-table";
import { ListCard } from "@/components/lists/list-card";
import { SettingsOwner } from "@/components/shell/settings-owner";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { SectionCard } from "@/components/ui/section-card";
import { ReportSchedulesDocument, type ReportSchedulesQuery } from "@/generated/graphql";
import { query } from "@/lib/api/server-api";
import { optionLabel } from "@/lib/enums";
import { can, requirePermission } from "@/lib/viewer";
import { DOWNLOADS, KINDS, PERIODS } from "./report-options";
import { ScheduleActions, ScheduleCreateForm } from "./schedule-form";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Reports" };

const day = (date: Date) => date.toISOString().slice(0, 10);

type Schedule = ReportSchedulesQuery["reportSchedules"][number];

const COLUMNS: Column<Schedule>[] = [
  {
    id: "schedule",
    header: "Schedule",
    cell: (schedule) => (
      <>
        <div className="cell-title">{schedule.name}</div>
        <div className="cell-sub">
          {optionLabel(KINDS, schedule.report)} · {optionLabel(PERIODS, schedule.period).split(" (")[0]} at{" "}
          {String(schedule.hour).padStart(2, "0")}:00 {schedule.timeZone} · {schedule.formats.join(" + ")}
        </div>
      </>
    ),
  },
  { id: "recipients", header: "Recipients", secondary: true, cell: (schedule) => schedule.recipients.join(", ") },
  {
    id: "status",
    header: "Status",
    cell: (schedule) => (schedule.enabled ? <Badge tone="success">Active</Badge> : <Badge>Paused</Badge>),
  },
];

export default async function ReportsPage() {
  const viewer = await requirePermission("reports:read");
  const { reportSchedules } = await query(ReportSchedulesDocument, {});
  const mayWrite = can(viewer, "notifications:write");
  const today = new Date();
  const monthStart = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), 1));
  return (
    <>
      <PageHeader title="Reports" description="Download a report for any period, or have one e-mailed on a schedule." />
      <SettingsOwner what="reports and report schedules" />
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
        <ListCard
          title="Scheduled e-mails"
          columns={COLUMNS}
          rows={reportSchedules}
          actions={mayWrite ? (schedule) => <ScheduleActions id={schedule.id} name={schedule.name} /> : undefined}
          empty={
            <EmptyState icon="✉" title="No schedules yet">
              <p>Send usage to your finance team every month, or sign-ins to security every week.</p>
            </EmptyState>
          }
        />
        {mayWrite ? (
          <SectionCard title="New schedule">
            <ScheduleCreateForm />
          </SectionCard>
        ) : null}
      </div>
    </>
  );
}
