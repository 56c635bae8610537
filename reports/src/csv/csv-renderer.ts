import { Readable, type Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { stringify } from "csv-stringify";
import { formatCsvCell } from "../format/cell-format.js";
import {
  type CsvRenderOptions,
  csvRenderOptionsSchema,
  formatContextOf,
  type ResolvedCsvRenderOptions,
} from "../render-options.js";
import type { FormatContext, RowSource, TableDefinition } from "../report.types.js";
import { guardCsvFormula } from "./csv-formula-guard.js";

/** Either a whole report (its main table is exported) or a bare table such as a supplementary one. */
export type CsvExportable<Row> = TableDefinition<Row> | { readonly table: TableDefinition<Row> };

function tableOf<Row>(definition: CsvExportable<Row>): TableDefinition<Row> {
  return "table" in definition ? definition.table : definition;
}

async function* csvRecords<Row>(
  table: TableDefinition<Row>,
  rows: RowSource<Row>,
  options: ResolvedCsvRenderOptions,
  ctx: FormatContext,
): AsyncGenerator<(string | null)[]> {
  if (options.header) {
    yield table.columns.map((column) => guardCsvFormula(options.headerStyle === "keys" ? column.key : column.header));
  }
  // One row in, one record out: the generator is pulled by the stream, so a slow consumer pauses the
  // source cursor instead of buffering the whole report.
  for await (const row of rows) {
    yield table.columns.map((column) => {
      const text = formatCsvCell(column, column.value(row), ctx);
      return text === null ? null : guardCsvFormula(text);
    });
  }
}

/**
 * Streams a report as RFC 4180 CSV (CRLF, quotes doubled, fields with separators or line breaks quoted),
 * UTF-8, optionally with a BOM. Memory stays constant: rows are read on demand as the consumer reads.
 */
export function createReportCsvStream<Row>(
  definition: CsvExportable<Row>,
  rows: RowSource<Row>,
  options: CsvRenderOptions = {},
): Readable {
  const resolved = csvRenderOptionsSchema.parse(options);
  const ctx = formatContextOf(resolved);
  const source = Readable.from(csvRecords(tableOf(definition), rows, resolved, ctx), { highWaterMark: 16 });
  const stringifier = stringify({
    bom: resolved.bom,
    record_delimiter: "\r\n",
    quote: '"',
    escape: '"',
    // csv-stringify 6.9 leaves a lone CR unquoted; RFC 4180 (and every parser) needs it inside quotes.
    quoted_match: /[\r\n]/,
  });
  // A failing source (e.g. a database cursor error) must surface on the returned stream, not vanish.
  source.on("error", (error) => stringifier.destroy(error));
  source.pipe(stringifier);
  return stringifier;
}

/** Writes the CSV into `output` honouring its backpressure; resolves when `output` has finished. */
export async function renderReportCsv<Row>(
  definition: CsvExportable<Row>,
  rows: RowSource<Row>,
  options: CsvRenderOptions,
  output: Writable,
): Promise<void> {
  await pipeline(createReportCsvStream(definition, rows, options), output);
}
