// Shared vocabulary of report definitions. Renderers (CSV, PDF) only know these shapes; each report file
// describes its rows, columns and summary in these terms, so adding a report never touches a renderer.

/** A raw cell value before formatting. Numbers stay numbers so CSV consumers can compute with them. */
export type CellValue = string | number | boolean | Date | null | undefined;

/**
 * How a column's raw value is interpreted and shown.
 * - `hours`/`decimal`: fractional quantities, fixed decimals.
 * - `percent`: a ratio 0..1 (CSV keeps the ratio as a percentage number, PDF shows "42.0 %").
 * - `duration`: seconds (CSV `h:mm:ss`, PDF "3 h 05 m").
 * - `milliseconds`: latencies.
 * - `datetime`/`date`: `Date` instances, rendered in the report's time zone.
 */
export type ColumnType =
  | "text"
  | "integer"
  | "decimal"
  | "hours"
  | "percent"
  | "duration"
  | "milliseconds"
  | "datetime"
  | "date"
  | "boolean";

/** Colour hint for a PDF cell (e.g. a failed sign-in shows red). CSV ignores it. */
export type CellTone = "positive" | "negative" | "warning" | "neutral";

/** Where a value is formatted: everything a formatter may depend on, fixed for one render. */
export interface FormatContext {
  /** IANA zone used for dates in both CSV and PDF. */
  readonly timeZone: string;
  /** BCP 47 locale for human-facing (PDF) number formatting. CSV numbers are always locale-free. */
  readonly locale: string;
  /** The render's clock, injected so output is reproducible. */
  readonly generatedAt: Date;
}

export interface ColumnDefinition<Row> {
  /** Stable machine key; also the CSV header when `csvHeader: "keys"` is asked for. */
  readonly key: string;
  /** Human header label (CSV and PDF). */
  readonly header: string;
  readonly type: ColumnType;
  readonly value: (row: Row) => CellValue;
  /** Fixed decimals for `decimal`, `hours`, `percent`, `milliseconds`. */
  readonly decimals?: number;
  /** Decimals in the CSV where they differ from the PDF's: a billing export keeps every metered place. */
  readonly csvDecimals?: number;
  /** Relative PDF column width (default 1). */
  readonly width?: number;
  /** Allow up to two lines in the PDF instead of truncating with an ellipsis. */
  readonly wrap?: boolean;
  /** Sum this column into the PDF table's total row. */
  readonly total?: boolean;
  /** Text shown for null/undefined in the PDF (CSV leaves the cell empty). */
  readonly emptyText?: string;
  /** Display override for enums (e.g. `success` → "Success"); applies to CSV and PDF. */
  readonly label?: (value: CellValue) => string;
  readonly tone?: (row: Row) => CellTone;
}

export interface TableDefinition<Row> {
  readonly id: string;
  readonly title: string;
  readonly columns: readonly ColumnDefinition<Row>[];
}

/** Rows may come from a cursor (async) or an in-memory array; renderers consume them one at a time. */
export type RowSource<Row> = AsyncIterable<Row> | Iterable<Row>;

export interface SummaryKpi {
  readonly label: string;
  readonly value: string;
  readonly hint?: string;
}

export interface ChartSeries {
  readonly label: string;
  readonly values: readonly (number | null)[];
  readonly type: "bar" | "line";
  /** Series with the same stack id are stacked (bars). */
  readonly stack?: string;
  /** Palette slot; 0 is the tenant accent colour. */
  readonly colorIndex?: number;
}

export interface ChartSpec {
  readonly title: string;
  readonly labels: readonly string[];
  readonly series: readonly ChartSeries[];
  readonly yAxisTitle?: string;
  /** Horizontal bars (category axis on the left), for ranked lists such as "top pools". */
  readonly horizontal?: boolean;
  /** Shown instead of an empty plot. */
  readonly emptyText?: string;
}

/** A small, fully in-memory table printed after the main table (e.g. capacity vs quota). */
export interface SupplementaryTable<Row = never> {
  readonly table: TableDefinition<Row>;
  readonly rows: readonly Row[];
}

export interface SummaryLayout {
  /** Up to eight tiles (two rows of four) are shown. */
  readonly kpis: readonly SummaryKpi[];
  /** At most two charts fit on the summary page. */
  readonly charts: readonly ChartSpec[];
  // biome-ignore lint/suspicious/noExplicitAny: heterogeneous row types; each entry pairs its own table and rows
  readonly supplementary?: readonly SupplementaryTable<any>[];
}

/** Folds streamed rows into whatever the summary page needs, in constant memory per row. */
export interface ReportAccumulator<Row, Summary> {
  add(row: Row): void;
  result(): Summary;
}

export interface ReportData<Row> {
  readonly rows: RowSource<Row>;
}

export interface ReportDefinition<Row, Data extends ReportData<Row> = ReportData<Row>, Summary = unknown> {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly orientation: "portrait" | "landscape";
  /** The main, streamed table: the CSV export and the PDF's detail pages. */
  readonly table: TableDefinition<Row>;
  createAccumulator(ctx: FormatContext): ReportAccumulator<Row, Summary>;
  summarize(summary: Summary, data: Data, ctx: FormatContext): SummaryLayout;
}
