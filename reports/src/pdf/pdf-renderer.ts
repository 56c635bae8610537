import PDFDocument from "pdfkit";
import { formatContextOf, type PdfRenderOptions, pdfRenderOptionsSchema } from "../render-options.js";
import type { ReportData, ReportDefinition } from "../report.types.js";
import { registerPdfFonts } from "./pdf-fonts.js";
import { drawPageChrome } from "./pdf-page-chrome.js";
import { drawSummaryPage } from "./pdf-summary-page.js";
import { drawPdfTable } from "./pdf-table.js";
import { createPdfTheme, PAGE_MARGINS } from "./pdf-theme.js";
import { drawTitlePage, formatPeriod } from "./pdf-title-page.js";

const COVER_PAGE = 0;
const SUMMARY_PAGE = 1;

/**
 * Renders a report to PDF: cover, summary (KPIs and charts), the main table streamed row by row, then any
 * supplementary tables, with running headers and "Page N of M" footers.
 *
 * The summary depends on every row, but rows can only be read once (they may come from a database cursor),
 * so its page is reserved before the table and filled in afterwards: pdfkit's `bufferPages` keeps pages open
 * for exactly this, and for page numbers.
 */
export async function renderReportPdf<Row, Data extends ReportData<Row>, Summary>(
  definition: ReportDefinition<Row, Data, Summary>,
  data: Data,
  options: PdfRenderOptions,
): Promise<Buffer> {
  const resolved = pdfRenderOptionsSchema.parse(options);
  const ctx = formatContextOf(resolved);
  const doc = new PDFDocument({
    size: resolved.pageSize,
    layout: definition.orientation,
    margins: PAGE_MARGINS,
    bufferPages: true,
    autoFirstPage: false,
    compress: true,
    displayTitle: true,
    lang: resolved.locale,
    info: {
      Title: `${definition.title} — ${resolved.tenant.name}`,
      Author: resolved.author,
      Subject: `${definition.title}, ${formatPeriod(resolved.period, ctx)}`,
      Creator: "Atrium reports",
      Producer: "Atrium reports",
      Keywords: `atrium, ${definition.id}, report`,
      CreationDate: ctx.generatedAt,
      ModDate: ctx.generatedAt,
    },
  });
  const chunks: Buffer[] = [];
  const finished = new Promise<Buffer>((resolve, reject) => {
    doc.on("data", (chunk: Buffer) => chunks.push(chunk));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });

  const theme = createPdfTheme(resolved.tenant.accentColor, registerPdfFonts(doc));
  const addPage = () => doc.addPage();

  addPage();
  drawTitlePage(doc, theme, ctx, {
    tenantName: resolved.tenant.name,
    logoPng: resolved.tenant.logoPng,
    title: definition.title,
    description: definition.description,
    period: resolved.period,
    author: resolved.author,
  });
  addPage(); // Summary, drawn once the rows have been folded.
  addPage();

  const accumulator = definition.createAccumulator(ctx);
  await drawPdfTable(doc, theme, ctx, definition.table, data.rows, { onRow: (row) => accumulator.add(row) });
  const layout = definition.summarize(accumulator.result(), data, ctx);
  for (const supplementary of layout.supplementary ?? []) {
    await drawPdfTable(doc, theme, ctx, supplementary.table, supplementary.rows);
  }

  doc.switchToPage(SUMMARY_PAGE);
  drawSummaryPage(doc, theme, { title: "Summary", description: definition.description }, layout);
  const periodText = formatPeriod(resolved.period, ctx);
  drawPageChrome(doc, theme, ctx, { tenantName: resolved.tenant.name, title: definition.title, periodText });
  doc.switchToPage(COVER_PAGE);
  doc.end();
  return finished;
}
