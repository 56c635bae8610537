import { displayDateTime, wallClock } from "../format/date-format.js";
import type { FormatContext } from "../report.types.js";
import { fitLines } from "./pdf-text-fit.js";
import type { PdfTheme } from "./pdf-theme.js";

export interface TitlePageContent {
  readonly tenantName: string;
  readonly logoPng?: Uint8Array;
  readonly title: string;
  readonly description: string;
  readonly period: { readonly from: Date; readonly to: Date };
  readonly author: string;
}

const isMidnight = (date: Date, timeZone: string): boolean => {
  const clock = wallClock(date, timeZone);
  return clock.hour === 0 && clock.minute === 0 && clock.second === 0;
};

/**
 * "1 May 2024 – 31 May 2024" for whole-day periods (the end is exclusive, so midnight on 1 June is shown as
 * 31 May), otherwise explicit date-times.
 */
export function formatPeriod(period: { from: Date; to: Date }, ctx: FormatContext): string {
  if (isMidnight(period.from, ctx.timeZone) && isMidnight(period.to, ctx.timeZone) && period.to > period.from) {
    const format = new Intl.DateTimeFormat(ctx.locale, {
      day: "numeric",
      month: "long",
      year: "numeric",
      timeZone: ctx.timeZone,
    });
    // One hour before the exclusive end is always on the last included day, even across DST changes.
    const lastDay = new Date(period.to.getTime() - 3_600_000);
    const from = format.format(period.from);
    const to = format.format(lastDay);
    return from === to ? from : `${from} – ${to}`;
  }
  return `${displayDateTime(period.from, ctx.timeZone)} – ${displayDateTime(period.to, ctx.timeZone)}`;
}

export function drawTitlePage(
  doc: PDFKit.PDFDocument,
  theme: PdfTheme,
  ctx: FormatContext,
  content: TitlePageContent,
): void {
  const { width, height } = doc.page;
  const left = theme.margin.left + 20;
  const textWidth = width - 2 * left;

  // Brand band across the top and a thin rule at the bottom frame the cover in the tenant's colour.
  doc.rect(0, 0, width, 10).fill(theme.accent);
  doc.rect(0, height - 4, width, 4).fill(theme.accent);

  let y = 56;
  if (content.logoPng) {
    doc.image(Buffer.from(content.logoPng), left, y, { fit: [180, 56], valign: "center" });
    y += 76;
  }
  doc
    .font(theme.fonts.bold)
    .fontSize(14)
    .fillColor(theme.accent)
    .text(content.tenantName, left, y, { width: textWidth });

  const titleTop = height * 0.34;
  doc.rect(left, titleTop, 48, 4).fill(theme.accent);
  doc
    .font(theme.fonts.bold)
    .fontSize(30)
    .fillColor(theme.text)
    .text(content.title, left, titleTop + 18, { width: textWidth });
  doc.moveDown(0.3);
  doc.font(theme.fonts.regular).fontSize(14).fillColor(theme.accent).text(formatPeriod(content.period, ctx), {
    width: textWidth,
  });
  doc.moveDown(0.8);
  doc
    .font(theme.fonts.regular)
    .fontSize(10.5)
    .fillColor(theme.muted)
    .text(content.description, { width: Math.min(textWidth, 460), lineGap: 2 });

  const details: [string, string][] = [
    ["Prepared for", content.tenantName],
    ["Reporting period", formatPeriod(content.period, ctx)],
    ["Time zone", ctx.timeZone],
    ["Generated", `${displayDateTime(ctx.generatedAt, ctx.timeZone)} (${ctx.timeZone})`],
    ["Prepared by", content.author],
  ];
  const rowHeight = 16;
  let detailY = height - 64 - details.length * rowHeight;
  doc
    .moveTo(left, detailY - 10)
    .lineTo(width - left, detailY - 10)
    .lineWidth(0.5)
    .strokeColor(theme.border)
    .stroke();
  for (const [label, value] of details) {
    doc.font(theme.fonts.regular).fontSize(8.5).fillColor(theme.muted);
    doc.text(label.toUpperCase(), left, detailY, { lineBreak: false, characterSpacing: 0.4 });
    doc.font(theme.fonts.regular).fontSize(9.5).fillColor(theme.text);
    doc.text(fitLines(doc, value, textWidth - 130, 1)[0]!, left + 130, detailY - 1, { lineBreak: false });
    detailY += rowHeight;
  }
}
