import { createCanvas } from "@napi-rs/canvas";
import { beforeAll, describe, expect, it } from "vitest";
import { assignmentHistoryReport } from "../definitions/assignment-history.report.js";
import { brokerMetricsReport } from "../definitions/broker-metrics.report.js";
import { loginHistoryReport } from "../definitions/login-history.report.js";
import { type UsageRow, usageReport } from "../definitions/usage.report.js";
import type { PdfRenderOptions } from "../render-options.js";
import type { ReportData, ReportDefinition } from "../report.types.js";
import { pdfInfo, pdfPages, rasterisePages } from "../testing/pdf-inspection.fixtures.js";
import {
  SAMPLE_GENERATED_AT,
  SAMPLE_PERIOD,
  sampleAssignmentRows,
  sampleBrokerMetrics,
  sampleLoginRows,
  sampleUsageDaily,
  sampleUsageRows,
} from "../testing/report-samples.fixtures.js";
import { ensurePackages } from "../testing/system-packages.fixtures.js";
import { renderReportPdf } from "./pdf-renderer.js";

function sampleLogo(): Buffer {
  const canvas = createCanvas(360, 96);
  const ctx = canvas.getContext("2d");
  ctx.fillStyle = "#0f766e";
  ctx.beginPath();
  ctx.arc(48, 48, 40, 0, Math.PI * 2);
  ctx.fill();
  ctx.fillStyle = "#ffffff";
  ctx.fillRect(30, 30, 36, 36);
  ctx.fillStyle = "#0f766e";
  ctx.fillRect(110, 34, 230, 28);
  return canvas.toBuffer("image/png");
}

const options: PdfRenderOptions = {
  tenant: { name: "Northwind Traders", accentColor: "#0f766e", logoPng: sampleLogo() },
  period: SAMPLE_PERIOD,
  timeZone: "Europe/Berlin",
  locale: "en-GB",
  generatedAt: SAMPLE_GENERATED_AT,
  author: "Contoso Managed Services",
};

const collapse = (text: string) => text.replace(/\s+/g, " ");

function expectPageNumbers(pages: string[]): void {
  pages.forEach((page, index) => {
    expect(collapse(page)).toContain(`Page ${index + 1} of ${pages.length}`);
  });
}

// poppler reads the PDFs back; the fonts are the ones the renderer embeds.
beforeAll(() => ensurePackages("reports"));

describe("renderReportPdf", () => {
  it("renders a 2,000-row usage report with cover, summary, repeated headers, totals and metadata", async () => {
    const rows = [...sampleUsageRows(2_000)];
    const pdf = await renderReportPdf(
      usageReport,
      { rows: sampleUsageRows(2_000), daily: sampleUsageDaily() },
      options,
    );
    rasterisePages(pdf, "usage", 1, 4);
    const pages = pdfPages(pdf);
    expect(pages.length).toBeGreaterThan(40);
    expectPageNumbers(pages);

    const cover = collapse(pages[0]!);
    expect(cover).toContain("Usage report");
    expect(cover).toContain("Northwind Traders");
    expect(cover).toContain("1 May 2025 – 31 May 2025");
    expect(cover).toContain("Europe/Berlin");
    expect(cover).toContain("Contoso Managed Services");

    const desktopHours = rows.reduce((sum, row) => sum + row.desktopHours, 0);
    const formatted = new Intl.NumberFormat("en-GB", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    const summary = collapse(pages[1]!);
    expect(summary).toContain("Summary");
    expect(summary).toContain(
      new Intl.NumberFormat("en-GB", { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(desktopHours),
    );
    expect(summary).toContain("Daily usage");

    for (const page of pages.slice(2)) {
      expect(page).toContain("Tenant");
      expect(page).toContain("vCPU-hours");
      expect(page).toContain("RAM GB-hours");
    }
    expect(collapse(pages[3]!)).toContain("Usage by pool, flavor and user (continued)");
    const last = collapse(pages.at(-1)!);
    expect(last).toMatch(new RegExp(`Total .*${formatted.format(desktopHours).replace(/[.]/g, "\\.")}`));

    const info = pdfInfo(pdf);
    expect(info.Title).toBe("Usage report — Northwind Traders");
    expect(info.Author).toBe("Contoso Managed Services");
  });

  it("renders login history from an async source with unicode names and coloured outcomes", async () => {
    const pdf = await renderReportPdf(loginHistoryReport, { rows: sampleLoginRows(600) }, options);
    rasterisePages(pdf, "login-history", 2, 3);
    const pages = pdfPages(pdf);
    expectPageNumbers(pages);
    expect(collapse(pages[0]!)).toContain("Login history");
    expect(collapse(pages[1]!)).toContain("Sign-ins by hour of day (Europe/Berlin)");
    const table = pages.slice(2).join("\n");
    expect(table).toContain("łukasz.nowak@northwind.example");
    expect(table).toContain("Identity provider");
    expect(collapse(pages[3]!)).toContain("Sign-in attempts (continued)");
  });

  it("renders assignment history with open assignments", async () => {
    const pdf = await renderReportPdf(assignmentHistoryReport, { rows: sampleAssignmentRows(300) }, options);
    rasterisePages(pdf, "assignment-history", 2, 3);
    const pages = pdfPages(pdf);
    expectPageNumbers(pages);
    const text = collapse(pages.join("\n"));
    expect(text).toContain("Assignment history");
    expect(text).toContain("Release reasons");
    expect(text).toContain("Still assigned");
  });

  it("renders broker metrics with charts, capacity vs quota and the hourly table", async () => {
    const pdf = await renderReportPdf(brokerMetricsReport, sampleBrokerMetrics(), options);
    rasterisePages(pdf, "broker-metrics", 2, 4);
    const pages = pdfPages(pdf);
    expectPageNumbers(pages);
    const summary = collapse(pages[1]!);
    expect(summary).toContain("CONNECT LATENCY P95");
    expect(summary).toContain("2,380 ms");
    expect(summary).toContain("Sign-ins per hour");
    const rest = collapse(pages.slice(2).join("\n"));
    expect(rest).toContain("Pool utilisation and provisioning");
    expect(rest).toContain("Capacity vs quota");
    expect(rest).toContain("Unlimited");
    expect(rest).toContain("Hourly broker activity (continued)");
  });

  it("renders an empty period without failing", async () => {
    const pdf = await renderReportPdf(
      usageReport,
      { rows: [], daily: [] },
      { ...options, tenant: { name: "Empty Co" } },
    );
    const pages = pdfPages(pdf);
    expect(pages).toHaveLength(3);
    expect(collapse(pages[1]!)).toContain("No usage was recorded in this period.");
    expect(collapse(pages[2]!)).toContain("No records for this period.");
  });

  it("lays out a portrait definition on US Letter with stacked charts", async () => {
    const portrait: ReportDefinition<
      { day: string; hours: number },
      ReportData<{ day: string; hours: number }>,
      number
    > = {
      id: "portrait",
      title: "Portrait check",
      description: "A custom portrait definition.",
      orientation: "portrait",
      table: {
        id: "days",
        title: "Hours per day",
        columns: [
          { key: "day", header: "Day", type: "text", value: (row) => row.day },
          { key: "hours", header: "Hours", type: "hours", total: true, value: (row) => row.hours },
        ],
      },
      createAccumulator: () => {
        let total = 0;
        return {
          add: (row) => {
            total += row.hours;
          },
          result: () => total,
        };
      },
      summarize: (total) => ({
        kpis: [{ label: "Hours", value: total.toFixed(1) }],
        charts: [
          { title: "First", labels: ["a", "b"], series: [{ label: "x", type: "bar", values: [1, 2] }] },
          { title: "Second", labels: ["a", "b"], series: [{ label: "y", type: "line", values: [2, 1] }] },
        ],
      }),
    };
    const rows = Array.from({ length: 120 }, (_, index) => ({ day: `Day ${index + 1}`, hours: 1.5 }));
    const pdf = await renderReportPdf(portrait, { rows }, { ...options, pageSize: "LETTER" });
    rasterisePages(pdf, "portrait-letter", 2, 2);
    expect(pdfInfo(pdf)["Page size"]).toMatch(/^612 x 792/);
    const pages = pdfPages(pdf);
    expectPageNumbers(pages);
    expect(collapse(pages.at(-1)!)).toContain("Total 180.00");
  });

  it("fails when the row source fails instead of producing a truncated report", async () => {
    async function* failing(): AsyncGenerator<UsageRow> {
      yield* sampleUsageRows(10);
      throw new Error("cursor lost");
    }
    await expect(renderReportPdf(usageReport, { rows: failing(), daily: [] }, options)).rejects.toThrow("cursor lost");
  });

  it("rejects invalid options before drawing anything", async () => {
    await expect(
      renderReportPdf(usageReport, { rows: [], daily: [] }, { ...options, timeZone: "Mars/Olympus_Mons" }),
    ).rejects.toThrow(/time zone/);
    await expect(
      renderReportPdf(
        usageReport,
        { rows: [], daily: [] },
        { ...options, tenant: { name: "X", logoPng: Buffer.from("GIF89a") } },
      ),
    ).rejects.toThrow(/PNG/);
  });
});
