/**
 * One CSV line (RFC 4180: quoted when needed, quotes doubled, CRLF-terminated). A cell a spreadsheet would run as a
 * formula (=, +, -, @, tab, CR at its start) is prefixed with an apostrophe: desktop and user names are chosen by
 * other people, and an export is opened by an administrator.
 */
export function csvLine(cells: readonly (string | number | boolean | null | undefined)[]): string {
  return `${cells.map(csvCell).join(",")}\r\n`;
}

function csvCell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return "";
  let text = String(value);
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
