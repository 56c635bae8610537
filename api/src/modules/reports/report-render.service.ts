import type { Readable } from "node:stream";
import {
  assignmentHistoryReport,
  brokerMetricsReport,
  createReportCsvStream,
  loginHistoryReport,
  renderReportPdf,
  type TenantBranding,
  usageReport,
} from "@atrium/reports";
import { type ReportFormat, type ReportKind, Tenant } from "@atrium/schema";
import type { AnyDb } from "../../db/index.js";
import { assignmentHistoryRows } from "./assignment-history.loader.js";
import { loadBrokerMetrics } from "./broker-metrics.loader.js";
import { loginHistoryRows } from "./login-history.loader.js";
import { type ReportPeriodRange, reportTenantOf } from "./report-scope.js";
import { loadUsage } from "./usage.loader.js";

export interface RenderRequest {
  /** Whose rows the report reads: one tenant's door, or the door across every tenant. */
  readonly db: AnyDb;
  readonly report: ReportKind;
  readonly period: ReportPeriodRange;
  readonly timeZone: string;
  readonly generatedAt: Date;
}

export interface RenderedReport {
  readonly filename: string;
  readonly contentType: string;
  readonly content: Buffer;
}

export const CONTENT_TYPES: Record<ReportFormat, string> = {
  csv: "text/csv; charset=utf-8",
  pdf: "application/pdf",
};

async function brandingOf(db: AnyDb): Promise<TenantBranding> {
  const tenantId = reportTenantOf(db);
  if (!tenantId) return { name: "All tenants" };
  const tenant = await db.manager.getRepository(Tenant).findOneByOrFail({ id: tenantId });
  return {
    name: tenant.name,
    ...(tenant.brandColor ? { accentColor: tenant.brandColor } : {}),
    ...(tenant.logo ? { logoPng: Buffer.from(tenant.logo.base64, "base64") } : {}),
  };
}

/** `login-history_acme_2026-11-01.csv`: recognisable in a mail client's attachment list. */
export function reportFilename(report: ReportKind, slug: string, period: ReportPeriodRange, format: ReportFormat) {
  return `${report}_${slug}_${period.from.toISOString().slice(0, 10)}.${format}`;
}

/** Streams the CSV straight from the database cursor: one keyset page in memory, whatever the row count. */
export function reportCsvStream(request: RenderRequest): Readable {
  const options = { timeZone: request.timeZone, generatedAt: request.generatedAt, bom: true };
  const { db, period } = request;
  switch (request.report) {
    case "login-history":
      return createReportCsvStream(loginHistoryReport, loginHistoryRows(db, period), options);
    case "assignment-history":
      return createReportCsvStream(assignmentHistoryReport, assignmentHistoryRows(db, period), options);
    case "broker-metrics":
      return createReportCsvStream(
        brokerMetricsReport,
        (async function* () {
          yield* (await loadBrokerMetrics(db, period)).rows;
        })(),
        options,
      );
    case "usage":
      return createReportCsvStream(
        usageReport,
        (async function* () {
          yield* (await loadUsage(db, period, request.timeZone)).rows;
        })(),
        options,
      );
  }
}

export async function reportPdf(request: RenderRequest): Promise<Buffer> {
  const options = {
    timeZone: request.timeZone,
    generatedAt: request.generatedAt,
    tenant: await brandingOf(request.db),
    period: request.period,
  };
  const { db, period } = request;
  switch (request.report) {
    case "login-history":
      return renderReportPdf(loginHistoryReport, { rows: loginHistoryRows(db, period) }, options);
    case "assignment-history":
      return renderReportPdf(assignmentHistoryReport, { rows: assignmentHistoryRows(db, period) }, options);
    case "broker-metrics":
      return renderReportPdf(brokerMetricsReport, await loadBrokerMetrics(db, period), options);
    case "usage":
      return renderReportPdf(usageReport, await loadUsage(db, period, request.timeZone), options);
  }
}

async function collect(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks);
}

/** The attachments of one delivery, one per format. */
export async function renderAttachments(
  request: RenderRequest,
  formats: readonly ReportFormat[],
  slug: string,
): Promise<RenderedReport[]> {
  const files: RenderedReport[] = [];
  for (const format of formats) {
    const content = format === "csv" ? await collect(reportCsvStream(request)) : await reportPdf(request);
    files.push({
      filename: reportFilename(request.report, slug, request.period, format),
      contentType: CONTENT_TYPES[format],
      content,
    });
  }
  return files;
}
