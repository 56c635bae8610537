import type { CellTone } from "../report.types.js";
import type { PdfFontNames } from "./pdf-fonts.js";

/** Everything a PDF layout module needs to draw consistently: page geometry, colours and fonts. */
export interface PdfTheme {
  readonly accent: string;
  /** Accent mixed with white, for tiles and table header underlays. */
  readonly accentTint: string;
  readonly text: string;
  readonly muted: string;
  readonly border: string;
  readonly zebra: string;
  readonly palette: readonly string[];
  readonly tones: Readonly<Record<CellTone, string>>;
  readonly fonts: PdfFontNames;
  readonly margin: { readonly top: number; readonly bottom: number; readonly left: number; readonly right: number };
}

function mix(hex: string, weight: number): string {
  const channel = (offset: number) => Number.parseInt(hex.slice(offset, offset + 2), 16);
  const blend = (value: number) =>
    Math.round(value * weight + 255 * (1 - weight))
      .toString(16)
      .padStart(2, "0");
  return `#${blend(channel(1))}${blend(channel(3))}${blend(channel(5))}`;
}

/** Top and bottom leave room for the running header and the footer drawn in the margins. */
export const PAGE_MARGINS = { top: 58, bottom: 50, left: 40, right: 40 } as const;

export function createPdfTheme(accent: string, fonts: PdfFontNames): PdfTheme {
  return {
    accent,
    accentTint: mix(accent, 0.08),
    text: "#1f2937",
    muted: "#6b7280",
    border: "#d1d5db",
    zebra: "#f3f4f6",
    // Accent first so single-series charts carry the tenant's brand; the rest are distinguishable in greyscale.
    palette: [accent, "#f59e0b", "#0d9488", "#dc2626", "#7c3aed", "#64748b"],
    tones: { positive: "#047857", negative: "#b91c1c", warning: "#b45309", neutral: "#1f2937" },
    fonts,
    margin: PAGE_MARGINS,
  };
}

/** Content box of the current page. */
export function contentBox(doc: PDFKit.PDFDocument, theme: PdfTheme) {
  const left = theme.margin.left;
  const right = doc.page.width - theme.margin.right;
  return { left, right, width: right - left, top: theme.margin.top, bottom: doc.page.height - theme.margin.bottom };
}
