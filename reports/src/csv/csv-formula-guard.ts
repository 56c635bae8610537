// Spreadsheets execute a cell that starts with a formula trigger (=, +, -, @) and some also honour a
// leading tab or carriage return, so a user name like `=HYPERLINK(...)` in a login report would run on the
// recipient's machine (CSV injection). Prefixing an apostrophe makes Excel, LibreOffice and Sheets show the
// text literally. Plain numbers are left alone so negative quantities still sum in a spreadsheet.

const FORMULA_TRIGGERS = new Set(["=", "+", "-", "@", "\t", "\r"]);
const PLAIN_NUMBER = /^-?\d+(?:\.\d+)?$/;

export function guardCsvFormula(text: string): string {
  if (text.length === 0 || !FORMULA_TRIGGERS.has(text[0]!)) return text;
  if (PLAIN_NUMBER.test(text)) return text;
  return `'${text}`;
}
