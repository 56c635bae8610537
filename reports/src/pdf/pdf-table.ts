import { formatDisplayCell, isNumericColumn } from "../format/cell-format.js";
import type { ColumnDefinition, FormatContext, RowSource, TableDefinition } from "../report.types.js";
import { drawLine, fitLines } from "./pdf-text-fit.js";
import { contentBox, type PdfTheme } from "./pdf-theme.js";

const FONT_SIZE = 8;
const HEADER_FONT_SIZE = 7.5;
const LINE_HEIGHT = 10;
const PAD_X = 5;
const PAD_Y = 4;
const MAX_WRAP_LINES = 2;
const HEADING_SIZE = 12;

interface LaidOutColumn<Row> {
  readonly column: ColumnDefinition<Row>;
  readonly x: number;
  readonly width: number;
  readonly numeric: boolean;
}

export interface TableDrawOptions<Row> {
  /** Called for every row as it is drawn, so summaries are folded in the same single pass. */
  readonly onRow?: (row: Row) => void;
}

class TableWriter<Row> {
  private readonly columns: LaidOutColumn<Row>[];
  private readonly headerLines: string[][];
  private readonly headerHeight: number;
  private readonly totals: (number | null)[];
  private rowIndex = 0;

  constructor(
    private readonly doc: PDFKit.PDFDocument,
    private readonly theme: PdfTheme,
    private readonly ctx: FormatContext,
    private readonly table: TableDefinition<Row>,
  ) {
    const box = contentBox(doc, theme);
    const weights = table.columns.map((column) => column.width ?? 1);
    const sum = weights.reduce((a, b) => a + b, 0);
    let x = box.left;
    this.columns = table.columns.map((column, index) => {
      const width = (box.width * weights[index]!) / sum;
      const laidOut = { column, x, width, numeric: isNumericColumn(column.type) };
      x += width;
      return laidOut;
    });
    doc.font(theme.fonts.bold).fontSize(HEADER_FONT_SIZE);
    this.headerLines = this.columns.map((c) => fitLines(doc, c.column.header, c.width - 2 * PAD_X, 2));
    const lines = Math.max(...this.headerLines.map((l) => l.length));
    this.headerHeight = lines * LINE_HEIGHT + 2 * PAD_Y + 2;
    this.totals = table.columns.map((column) => (column.total ? 0 : null));
  }

  private get bottom(): number {
    return contentBox(this.doc, this.theme).bottom;
  }

  heading(title: string, continued: boolean): void {
    const { doc, theme } = this;
    const box = contentBox(doc, theme);
    doc
      .font(theme.fonts.bold)
      .fontSize(HEADING_SIZE)
      .fillColor(theme.text)
      .text(continued ? `${title} (continued)` : title, box.left, doc.y, { lineBreak: false });
    doc.y += HEADING_SIZE + 8;
  }

  /** Starts a section, moving to a new page if the heading, header and a few rows would not fit. */
  begin(title: string): void {
    const needed = HEADING_SIZE + 8 + this.headerHeight + 4 * (LINE_HEIGHT + 2 * PAD_Y);
    if (this.doc.y + needed > this.bottom) this.doc.addPage();
    this.heading(title, false);
    this.header();
  }

  private header(): void {
    const { doc, theme } = this;
    const box = contentBox(doc, theme);
    const top = doc.y;
    doc.rect(box.left, top, box.width, this.headerHeight).fill(theme.accent);
    doc.font(theme.fonts.bold).fontSize(HEADER_FONT_SIZE).fillColor("#ffffff");
    this.columns.forEach((c, index) => {
      const lines = this.headerLines[index]!;
      // Bottom-align header labels so one- and two-line labels share a baseline.
      let y = top + this.headerHeight - PAD_Y - lines.length * LINE_HEIGHT;
      for (const line of lines) {
        drawLine(doc, line, c.x + PAD_X, y + 1, c.width - 2 * PAD_X, c.numeric ? "right" : "left");
        y += LINE_HEIGHT;
      }
    });
    doc.y = top + this.headerHeight;
  }

  private newPage(): void {
    this.doc.addPage();
    this.heading(this.table.title, true);
    this.header();
  }

  row(row: Row): void {
    const { doc, theme, ctx } = this;
    doc.font(theme.fonts.regular).fontSize(FONT_SIZE);
    const cells = this.columns.map((c, index) => {
      const value = c.column.value(row);
      if (this.totals[index] !== null && typeof value === "number" && Number.isFinite(value)) {
        this.totals[index]! += value;
      }
      const text = formatDisplayCell(c.column, value, ctx);
      const lines = fitLines(doc, text, c.width - 2 * PAD_X, c.column.wrap ? MAX_WRAP_LINES : 1);
      const tone = c.column.tone?.(row) ?? "neutral";
      return { c, lines, color: value === null || value === undefined ? theme.muted : theme.tones[tone] };
    });
    const height = Math.max(...cells.map((cell) => cell.lines.length)) * LINE_HEIGHT + 2 * PAD_Y;
    if (doc.y + height > this.bottom) this.newPage();
    this.drawCells(cells, height, this.rowIndex % 2 === 1 ? theme.zebra : null, theme.fonts.regular);
    this.rowIndex += 1;
  }

  private drawCells(
    cells: { c: LaidOutColumn<Row>; lines: string[]; color: string }[],
    height: number,
    fill: string | null,
    font: string,
  ): void {
    const { doc, theme } = this;
    const box = contentBox(doc, theme);
    const top = doc.y;
    if (fill) doc.rect(box.left, top, box.width, height).fill(fill);
    // Set here, not by the caller: a page break between measuring and drawing switches to the header font.
    doc.font(font).fontSize(FONT_SIZE);
    for (const { c, lines, color } of cells) {
      doc.fillColor(color);
      lines.forEach((line, index) => {
        drawLine(
          doc,
          line,
          c.x + PAD_X,
          top + PAD_Y + 1 + index * LINE_HEIGHT,
          c.width - 2 * PAD_X,
          c.numeric ? "right" : "left",
        );
      });
    }
    doc.y = top + height;
  }

  /** Closes the table: an empty-state line, or a bold total row when any column is summed. */
  end(): void {
    const { doc, theme, ctx } = this;
    const box = contentBox(doc, theme);
    if (this.rowIndex === 0) {
      doc.font(theme.fonts.regular).fontSize(FONT_SIZE).fillColor(theme.muted);
      doc.text("No records for this period.", box.left + PAD_X, doc.y + PAD_Y + 1, { lineBreak: false });
      doc.y += LINE_HEIGHT + 2 * PAD_Y;
    } else if (this.totals.some((total) => total !== null)) {
      const height = LINE_HEIGHT + 2 * PAD_Y + 2;
      if (doc.y + height > this.bottom) this.newPage();
      doc.font(theme.fonts.bold).fontSize(FONT_SIZE);
      const cells = this.columns.map((c, index) => {
        const total = this.totals[index];
        const text = index === 0 ? "Total" : total === null ? "" : formatDisplayCell(c.column, total, ctx);
        return { c, lines: [text], color: theme.text };
      });
      doc.moveTo(box.left, doc.y).lineTo(box.right, doc.y).lineWidth(1).strokeColor(theme.text).stroke();
      this.drawCells(cells, height, theme.accentTint, theme.fonts.bold);
    }
    doc.moveTo(box.left, doc.y).lineTo(box.right, doc.y).lineWidth(0.75).strokeColor(theme.border).stroke();
    doc.y += 22;
  }
}

/**
 * Draws a titled table, pulling rows one at a time from `rows`: only the current row is in memory, the
 * header row is repeated on every page the table continues onto, numbers are right-aligned and rows are
 * zebra-striped. Returns the number of rows drawn.
 */
export async function drawPdfTable<Row>(
  doc: PDFKit.PDFDocument,
  theme: PdfTheme,
  ctx: FormatContext,
  table: TableDefinition<Row>,
  rows: RowSource<Row>,
  options: TableDrawOptions<Row> = {},
): Promise<number> {
  const writer = new TableWriter(doc, theme, ctx, table);
  writer.begin(table.title);
  let count = 0;
  for await (const row of rows) {
    options.onRow?.(row);
    writer.row(row);
    count += 1;
  }
  writer.end();
  return count;
}
