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
import type { EntityManager } from "typeorm";
import { assignmentHistoryRows } from "./assignment-history.loader.js";
import { loadBrokerMetrics } from "./broker-metrics.loader.js";
import { loginHistoryRows } from "./login-history.loader.js";
import type { ReportPeriodRange, ReportScope } from "./report-scope.js";
import { loadUsage } from "./usage.loader.js";

export interface RenderRequest {
  readonly scope: ReportScope;
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

async function brandingOf(manager: EntityManager, scope: ReportScope): Promise<TenantBranding> {
  if (!scope.tenantId) return { name: "All tenants" };
  const tenant = await manager.getRepository(Tenant).findOneByOrFail({ id: scope.tenantId });
  return { name: tenant.name, ...(tenant.brandColor ? { accentColor: tenant.brandColor } : {}) };
}

/** `login-history_acme_2026-11-01.csv`: recognisable in a mail client's attachment list. */
export function reportFilename(report: ReportKind, slug: string, period: ReportPeriodRange, format: ReportFormat) {
  return `${report}_${slug}_${period.from.toISOString().slice(0, 10)}.${format}`;
}

/** Streams the CSV straight from the database cursor: one keyset page in memory, whatever the row count. */
export function reportCsvStream(manager: EntityManager, request: RenderRequest): Readable {
  const options = { timeZone: request.timeZone, generatedAt: request.generatedAt, bom: true };
  const { scope, period } = request;
  switch (request.report) {
    case "login-history":
      return createReportCsvStream(loginHistoryReport, loginHistoryRows(manager, scope, period), options);
    case "assignment-history":
      return createReportCsvStream(assignmentHistoryReport, assignmentHistoryRows(manager, scope, period), options);
    case "broker-metrics":
      return createReportCsvStream(
        brokerMetricsReport,
        (async function* () {
          yield* (await loadBrokerMetrics(manager, scope, period)).rows;
        })(),
        options,
      );
    case "usage":
      return createReportCsvStream(
        usageReport,
        (async function* () {
          yield* (await loadUsage(manager, scope, period, request.timeZone)).rows;
        })(),
        options,
      );
  }
}

export async function reportPdf(manager: EntityManager, request: RenderRequest): Promise<Buffer> {
  const options = {
    timeZone: request.timeZone,
    generatedAt: request.generatedAt,
    tenant: await brandingOf(manager, request.scope),
    period: request.period,
  };
  const { scope, period } = request;
  switch (request.report) {
    case "login-history":
      return renderReportPdf(loginHistoryReport, { rows: loginHistoryRows(manager, scope, period) }, options);
    case "assignment-history":
      return renderReportPdf(assignmentHistoryReport, { rows: assignmentHistoryRows(manager, scope, period) }, options);
    case "broker-metrics":
      return renderReportPdf(brokerMetricsReport, await loadBrokerMetrics(manager, scope, period), options);
    case "usage":
      return renderReportPdf(usageReport, await loadUsage(manager, scope, period, request.timeZone), options);
  }
}

async function collect(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks);
}

/** The attachments of one delivery, one per format. */
export async function renderAttachments(
  manager: EntityManager,
  request: RenderRequest,
  formats: readonly ReportFormat[],
  slug: string,
): Promise<RenderedReport[]> {
  const files: RenderedReport[] = [];
  for (const format of formats) {
    const content =
      format === "csv" ? await collect(reportCsvStream(manager, request)) : await reportPdf(manager, request);
    files.push({
      filename: reportFilename(request.report, slug, request.period, format),
      contentType: CONTENT_TYPES[format],
      content,
    });
  }
  return files;
}
