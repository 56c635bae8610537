import type { ChartSpec, SummaryKpi, SummaryLayout } from "../report.types.js";
import { isChartEmpty, renderChartPng } from "./chart-image.js";
import { drawLine, fitLines } from "./pdf-text-fit.js";
import { contentBox, type PdfTheme } from "./pdf-theme.js";

const TILES_PER_ROW = 4;
/** Two rows of tiles; more would squeeze the charts below a readable height. */
const MAX_KPIS = 8;
const TILE_HEIGHT = 50;
const GAP = 12;

function drawKpiTile(
  doc: PDFKit.PDFDocument,
  theme: PdfTheme,
  kpi: SummaryKpi,
  x: number,
  y: number,
  width: number,
): void {
  doc.roundedRect(x, y, width, TILE_HEIGHT, 4).fill(theme.accentTint);
  doc.rect(x, y, 3, TILE_HEIGHT).fill(theme.accent);
  doc.font(theme.fonts.regular).fontSize(7.5).fillColor(theme.muted);
  doc.text(fitLines(doc, kpi.label.toUpperCase(), width - 20, 1)[0]!, x + 12, y + 9, { lineBreak: false });
  doc.font(theme.fonts.bold).fontSize(16).fillColor(theme.text);
  doc.text(fitLines(doc, kpi.value, width - 20, 1)[0]!, x + 12, y + 23, { lineBreak: false });
}

function drawChartCard(
  doc: PDFKit.PDFDocument,
  theme: PdfTheme,
  spec: ChartSpec,
  x: number,
  y: number,
  width: number,
  height: number,
): void {
  doc.roundedRect(x, y, width, height, 4).lineWidth(0.75).strokeColor(theme.border).stroke();
  doc.font(theme.fonts.bold).fontSize(10).fillColor(theme.text);
  doc.text(fitLines(doc, spec.title, width - 24, 1)[0]!, x + 12, y + 10, { lineBreak: false });
  const plot = { x: x + 10, y: y + 30, width: width - 20, height: height - 40 };
  if (isChartEmpty(spec)) {
    doc.font(theme.fonts.regular).fontSize(9).fillColor(theme.muted);
    const text = fitLines(doc, spec.emptyText ?? "No data for this period.", plot.width, 1)[0]!;
    drawLine(doc, text, plot.x, plot.y + plot.height / 2 - 6, plot.width, "center");
    return;
  }
  const png = renderChartPng(spec, plot.width, plot.height, {
    palette: theme.palette,
    text: theme.muted,
    grid: "#e5e7eb",
  });
  doc.image(png, plot.x, plot.y, { width: plot.width, height: plot.height });
}

/**
 * Draws the summary page: heading, KPI tiles and up to two chart cards filling the rest of the page (side
 * by side on landscape pages, stacked on portrait ones).
 */
export function drawSummaryPage(
  doc: PDFKit.PDFDocument,
  theme: PdfTheme,
  heading: { title: string; description: string },
  layout: SummaryLayout,
): void {
  const box = contentBox(doc, theme);
  let y = box.top;
  doc.font(theme.fonts.bold).fontSize(16).fillColor(theme.text).text(heading.title, box.left, y, { lineBreak: false });
  y += 22;
  doc.font(theme.fonts.regular).fontSize(9).fillColor(theme.muted);
  doc.text(fitLines(doc, heading.description, box.width, 1)[0]!, box.left, y, { lineBreak: false });
  y += 22;

  const tileWidth = (box.width - GAP * (TILES_PER_ROW - 1)) / TILES_PER_ROW;
  const kpis = layout.kpis.slice(0, MAX_KPIS);
  kpis.forEach((kpi, index) => {
    const column = index % TILES_PER_ROW;
    const row = Math.floor(index / TILES_PER_ROW);
    drawKpiTile(doc, theme, kpi, box.left + column * (tileWidth + GAP), y + row * (TILE_HEIGHT + GAP), tileWidth);
  });
  y += Math.ceil(kpis.length / TILES_PER_ROW) * (TILE_HEIGHT + GAP) + 6;

  const charts = layout.charts.slice(0, 2);
  if (charts.length === 0) return;
  const available = box.bottom - y;
  const sideBySide = box.width > box.bottom - box.top;
  if (sideBySide) {
    const width = (box.width - GAP * (charts.length - 1)) / charts.length;
    charts.forEach((spec, index) => {
      drawChartCard(doc, theme, spec, box.left + index * (width + GAP), y, width, available);
    });
  } else {
    const height = (available - GAP * (charts.length - 1)) / charts.length;
    charts.forEach((spec, index) => {
      drawChartCard(doc, theme, spec, box.left, y + index * (height + GAP), box.width, height);
    });
  }
}
