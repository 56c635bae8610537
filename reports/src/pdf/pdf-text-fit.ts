// Table cells are drawn with explicit coordinates and `lineBreak: false` so pdfkit never starts a page on
// its own in the middle of a row; that means wrapping and ellipsis are done here, measured with the
// document's current font and size.

const ELLIPSIS = "…";

/** Longest prefix of `text` that fits `width` with an ellipsis appended. */
function ellipsize(doc: PDFKit.PDFDocument, text: string, width: number): string {
  if (doc.widthOfString(text) <= width) return text;
  let low = 0;
  let high = text.length;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (doc.widthOfString(text.slice(0, mid).trimEnd() + ELLIPSIS) <= width) low = mid;
    else high = mid - 1;
  }
  return low === 0 ? ELLIPSIS : text.slice(0, low).trimEnd() + ELLIPSIS;
}

interface Token {
  readonly text: string;
  /** True when the token continues the previous one without a space (after a hyphen). */
  readonly glued: boolean;
}

/** Words, further split after hyphens so "Assigned-hours" may break as "Assigned-" / "hours". */
function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const word of text.split(" ")) {
    word.split(/(?<=-)(?=.)/).forEach((part, index) => {
      tokens.push({ text: part, glued: index > 0 });
    });
  }
  return tokens;
}

const join = (line: string, token: Token): string =>
  line === "" ? token.text : token.glued ? line + token.text : `${line} ${token.text}`;

/** Breaks `text` into at most `maxLines` lines of `width`, ellipsizing the last one if text remains. */
export function fitLines(doc: PDFKit.PDFDocument, text: string, width: number, maxLines: number): string[] {
  const singleLine = text.replace(/\s+/g, " ").trim();
  if (maxLines <= 1 || doc.widthOfString(singleLine) <= width) return [ellipsize(doc, singleLine, width)];
  const tokens = tokenize(singleLine);
  const lines: string[] = [];
  let current = "";
  let index = 0;
  while (index < tokens.length && lines.length < maxLines - 1) {
    const candidate = join(current, tokens[index]!);
    if (doc.widthOfString(candidate) <= width) {
      current = candidate;
      index += 1;
    } else if (current) {
      lines.push(current);
      current = "";
    } else {
      // A single word wider than the cell (a long e-mail address): cut it rather than overflow.
      lines.push(ellipsize(doc, tokens[index]!.text, width));
      index += 1;
    }
  }
  const rest = tokens.slice(index).reduce(join, current);
  if (rest) lines.push(ellipsize(doc, rest, width));
  return lines;
}

/**
 * Draws one already-fitted line. Alignment is computed here because passing `width` to pdfkit routes the
 * text through its line wrapper, which costs several times more per cell than the line itself.
 */
export function drawLine(
  doc: PDFKit.PDFDocument,
  text: string,
  x: number,
  y: number,
  width: number,
  align: "left" | "right" | "center" = "left",
): void {
  if (text === "") return;
  let offset = 0;
  if (align !== "left") {
    const free = width - doc.widthOfString(text);
    offset = align === "right" ? free : free / 2;
  }
  doc.text(text, x + offset, y, { lineBreak: false });
}
