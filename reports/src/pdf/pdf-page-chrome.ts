import { displayDateTime } from "../format/date-format.js";
import type { FormatContext } from "../report.types.js";
import { drawLine, fitLines } from "./pdf-text-fit.js";
import type { PdfTheme } from "./pdf-theme.js";

export interface PageChromeContent {
  readonly tenantName: string;
  readonly title: string;
  readonly periodText: string;
}

/**
 * Stamps the running header (all pages but the cover) and the footer with "Page N of M" on every buffered
 * page. It runs once all content is laid out, which is the only moment M is known.
 */
export function drawPageChrome(
  doc: PDFKit.PDFDocument,
  theme: PdfTheme,
  ctx: FormatContext,
  content: PageChromeContent,
): void {
  const range = doc.bufferedPageRange();
  const total = range.count;
  for (let index = range.start; index < range.start + total; index += 1) {
    doc.switchToPage(index);
    const { width, height, margins } = doc.page;
    // Text in the margins would otherwise make pdfkit think the page is full and start a new one.
    const savedBottom = margins.bottom;
    margins.bottom = 0;
    const left = theme.margin.left;
    const right = width - theme.margin.right;

    if (index > range.start) {
      const headerY = 26;
      // Long tenant names are cut so they never run into the period on the right.
      doc.font(theme.fonts.bold).fontSize(8).fillColor(theme.accent);
      const tenant = fitLines(doc, content.tenantName, (right - left) * 0.45, 1)[0]!;
      doc.text(tenant, left, headerY, { lineBreak: false });
      const tenantWidth = doc.widthOfString(tenant);
      doc.font(theme.fonts.regular).fillColor(theme.muted);
      doc.text(`  ·  ${content.title}`, left + tenantWidth, headerY, { lineBreak: false });
      drawLine(doc, content.periodText, left, headerY, right - left, "right");
      doc
        .moveTo(left, headerY + 14)
        .lineTo(right, headerY + 14)
        .lineWidth(0.75)
        .strokeColor(theme.accent)
        .stroke();
    }

    const footerY = height - 32;
    doc
      .moveTo(left, footerY - 6)
      .lineTo(right, footerY - 6)
      .lineWidth(0.5)
      .strokeColor(theme.border)
      .stroke();
    doc.font(theme.fonts.regular).fontSize(7.5).fillColor(theme.muted);
    const generated = `Generated ${displayDateTime(ctx.generatedAt, ctx.timeZone)} ${ctx.timeZone} · Confidential: prepared for ${content.tenantName}`;
    doc.text(fitLines(doc, generated, (right - left) * 0.8, 1)[0]!, left, footerY, { lineBreak: false });
    drawLine(doc, `Page ${index - range.start + 1} of ${total}`, left, footerY, right - left, "right");
    margins.bottom = savedBottom;
  }
}
