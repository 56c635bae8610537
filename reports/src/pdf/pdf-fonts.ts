import { existsSync } from "node:fs";

// PDF text needs a real TrueType font: pdfkit's built-in Helvetica only covers WinAnsi, so names such as
// "Łukasz" or "Дмитрий" would print as garbage. Chart text on @napi-rs/canvas needs a font file too, because a
// fresh machine may have no system fonts. The Debian packages providing these files are listed in
// .ci/apt/reports.txt; Liberation Sans (Arial metrics) reads best in dense tables, DejaVu Sans is the fallback.

export interface ReportFontFiles {
  readonly family: string;
  readonly regular: string;
  readonly bold: string;
}

const CANDIDATES: readonly ReportFontFiles[] = [
  {
    family: "Liberation Sans",
    regular: "/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf",
    bold: "/usr/share/fonts/truetype/liberation2/LiberationSans-Bold.ttf",
  },
  {
    family: "Liberation Sans",
    regular: "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
    bold: "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf",
  },
  {
    family: "DejaVu Sans",
    regular: "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    bold: "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
  },
];

let resolved: ReportFontFiles | null | undefined;

/** The first installed candidate, or null when none is (PDF text then falls back to Helvetica). */
export function resolveReportFonts(): ReportFontFiles | null {
  if (resolved === undefined) {
    resolved = CANDIDATES.find((fonts) => existsSync(fonts.regular) && existsSync(fonts.bold)) ?? null;
  }
  return resolved;
}

/** Font names registered on a pdfkit document. */
export interface PdfFontNames {
  readonly regular: string;
  readonly bold: string;
}

export function registerPdfFonts(doc: PDFKit.PDFDocument): PdfFontNames {
  const files = resolveReportFonts();
  if (!files) return { regular: "Helvetica", bold: "Helvetica-Bold" };
  doc.registerFont("Report-Regular", files.regular);
  doc.registerFont("Report-Bold", files.bold);
  return { regular: "Report-Regular", bold: "Report-Bold" };
}
