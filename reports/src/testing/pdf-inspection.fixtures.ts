// Test helpers around poppler-utils (pdftotext, pdftoppm, pdfinfo; see .ci/apt/reports.txt): they read the PDF
// the way a person's viewer would, instead of trusting pdfkit's own view of what it wrote.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** Gitignored folder where rasterised pages are kept for a human look. */
export const ARTIFACTS_DIR = fileURLToPath(new URL("../../../artifacts/reports/", import.meta.url));

function withPdfFile<T>(pdf: Buffer, use: (path: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), "atrium-report-"));
  try {
    const path = join(dir, "report.pdf");
    writeFileSync(path, pdf);
    return use(path);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Text of each page, in layout mode so table rows stay on one line. */
export function pdfPages(pdf: Buffer): string[] {
  const text = withPdfFile(pdf, (path) =>
    execFileSync("pdftotext", ["-layout", "-enc", "UTF-8", path, "-"], { encoding: "utf8", maxBuffer: 64 << 20 }),
  );
  const pages = text.split("\f");
  if (pages.at(-1)?.trim() === "") pages.pop();
  return pages;
}

export function pdfInfo(pdf: Buffer): Record<string, string> {
  const output = withPdfFile(pdf, (path) => execFileSync("pdfinfo", ["-enc", "UTF-8", path], { encoding: "utf8" }));
  const info: Record<string, string> = {};
  for (const line of output.split("\n")) {
    const match = /^([^:]+):\s*(.*)$/.exec(line);
    if (match) info[match[1]!.trim()] = match[2]!.trim();
  }
  return info;
}

/** Writes PNGs of pages `first..last` to ARTIFACTS_DIR as `<name>-<page>.png`. */
export function rasterisePages(pdf: Buffer, name: string, first: number, last: number): void {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  writeFileSync(join(ARTIFACTS_DIR, `${name}.pdf`), pdf);
  withPdfFile(pdf, (path) =>
    execFileSync("pdftoppm", [
      "-png",
      "-r",
      "110",
      "-f",
      String(first),
      "-l",
      String(last),
      path,
      join(ARTIFACTS_DIR, name),
    ]),
  );
}
