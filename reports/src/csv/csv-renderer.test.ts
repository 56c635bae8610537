import { PassThrough, Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { loginHistoryReport } from "../definitions/login-history.report.js";
import { type UsageRow, usageReport } from "../definitions/usage.report.js";
import type { TableDefinition } from "../report.types.js";
import { sampleUsageRows } from "../testing/report-samples.fixtures.js";
import { createReportCsvStream, renderReportCsv } from "./csv-renderer.js";

interface NoteRow {
  readonly note: string | null;
  readonly amount: number | null;
  readonly at?: Date;
}

const notes: TableDefinition<NoteRow> = {
  id: "notes",
  title: "Notes",
  columns: [
    { key: "note", header: "Note", type: "text", value: (row) => row.note },
    { key: "amount", header: "Amount", type: "decimal", value: (row) => row.amount },
    { key: "at", header: "At", type: "datetime", value: (row) => row.at },
  ],
};

async function csvOf<Row>(
  table: TableDefinition<Row> | { table: TableDefinition<Row> },
  rows: Iterable<Row> | AsyncIterable<Row>,
  options = {},
): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of createReportCsvStream(table, rows, options)) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks).toString("utf8");
}

describe("CSV rendering", () => {
  it("writes the usage report's quantities with every metered place, so the lines sum to the billed totals", async () => {
    const row = {
      tenant: "acme",
      pool: "win11",
      flavor: "vdi.medium",
      user: "alice",
      desktopHours: 1.333333,
      assignedHours: 0.000278,
      sessionHours: 0,
      vcpuHours: 2.666666,
      ramGbHours: 5.333332,
      storageGbHours: 53.33332,
    };
    const csv = await csvOf(usageReport, [row]);
    expect(csv.trim().split("\r\n")[1]).toBe(
      "acme,win11,vdi.medium,alice,1.333333,0.000278,0.000000,2.666666,5.333332,53.333320",
    );
  });

  it("writes RFC 4180: CRLF records, quoted separators, doubled quotes and embedded line breaks", async () => {
    const csv = await csvOf(notes, [
      { note: "plain", amount: 1.5 },
      { note: 'say "hi", then leave', amount: 2 },
      { note: "line one\nline two\r\nline three", amount: null },
      { note: null, amount: 0 },
    ]);
    expect(csv).toBe(
      [
        "Note,Amount,At",
        "plain,1.50,",
        '"say ""hi"", then leave",2.00,',
        '"line one\nline two\r\nline three",,',
        ",0.00,",
        "",
      ].join("\r\n"),
    );
  });

  it("neutralises formula injection but keeps plain negative numbers", async () => {
    const csv = await csvOf(notes, [
      { note: '=HYPERLINK("http://evil","x")', amount: -12.5 },
      { note: "+1+1", amount: null },
      { note: "-2+3", amount: null },
      { note: "@SUM(A1:A2)", amount: null },
      { note: "\tcmd", amount: null },
      { note: "\rcmd", amount: null },
      { note: "-42", amount: null },
      { note: "-3.75", amount: null },
      { note: "a=b", amount: null },
    ]);
    const lines = csv.split("\r\n");
    expect(lines[1]).toBe('"\'=HYPERLINK(""http://evil"",""x"")",-12.50,');
    expect(lines[2]).toBe("'+1+1,,");
    expect(lines[3]).toBe("'-2+3,,");
    expect(lines[4]).toBe("'@SUM(A1:A2),,");
    expect(lines[5]).toBe("'\tcmd,,");
    expect(lines[6]).toBe('"\'\rcmd",,');
    expect(lines[7]).toBe("-42,,");
    expect(lines[8]).toBe("-3.75,,");
    expect(lines[9]).toBe("a=b,,");
  });

  it("keeps unicode intact and adds a UTF-8 BOM only when asked", async () => {
    const rows = [{ note: "Łukasz Nowak — 東京 — Zoë 🚀", amount: 1 }];
    const plain = await csvOf(notes, rows);
    expect(plain.charCodeAt(0)).not.toBe(0xfeff);
    expect(plain).toContain("Łukasz Nowak — 東京 — Zoë 🚀");

    const chunks: Buffer[] = [];
    for await (const chunk of createReportCsvStream(notes, rows, { bom: true })) chunks.push(Buffer.from(chunk));
    const bytes = Buffer.concat(chunks);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.subarray(3).toString("utf8")).toBe(plain);
  });

  it("writes dates as ISO 8601 in UTC by default or in the requested zone", async () => {
    const rows = [
      { note: "winter", amount: 1, at: new Date("2025-01-15T10:00:00Z") },
      { note: "summer", amount: 1, at: new Date("2025-07-15T10:00:00.900Z") },
    ];
    expect(await csvOf(notes, rows)).toContain("winter,1.00,2025-01-15T10:00:00Z\r\nsummer,1.00,2025-07-15T10:00:00Z");
    const berlin = await csvOf(notes, rows, { timeZone: "Europe/Berlin" });
    expect(berlin).toContain("winter,1.00,2025-01-15T11:00:00+01:00");
    expect(berlin).toContain("summer,1.00,2025-07-15T12:00:00+02:00");
    const kolkata = await csvOf(notes, rows, { timeZone: "Asia/Kolkata" });
    expect(kolkata).toContain("2025-01-15T15:30:00+05:30");
    const newYork = await csvOf(notes, rows, { timeZone: "America/New_York" });
    expect(newYork).toContain("2025-01-15T05:00:00-05:00");
  });

  it("exports report definitions with labelled enums, machine keys on request, and no header when disabled", async () => {
    const row = {
      time: new Date("2025-05-01T08:00:00Z"),
      user: "anna@example.com",
      sourceIp: "203.0.113.7",
      location: null,
      identityProvider: "Okta OIDC",
      mfa: "TOTP",
      outcome: "denied" as const,
      reason: "Outside office hours",
    };
    const labelled = await csvOf(loginHistoryReport, [row]);
    expect(labelled.split("\r\n")[0]).toBe("Time,User,Source IP,Location,Identity provider,MFA,Outcome,Reason");
    expect(labelled.split("\r\n")[1]).toBe(
      "2025-05-01T08:00:00Z,anna@example.com,203.0.113.7,,Okta OIDC,TOTP,Denied,Outside office hours",
    );
    const keyed = await csvOf(loginHistoryReport, [row], { headerStyle: "keys" });
    expect(keyed.split("\r\n")[0]).toBe("time,user,sourceIp,location,identityProvider,mfa,outcome,reason");
    const headless = await csvOf(loginHistoryReport, [row], { header: false });
    expect(headless.startsWith("2025-05-01T08:00:00Z,")).toBe(true);
  });

  it("rejects an unknown time zone", () => {
    expect(() => createReportCsvStream(notes, [], { timeZone: "Nowhere/Special" })).toThrow(/time zone/);
  });

  it("propagates a failing source to the output instead of truncating silently", async () => {
    async function* failing(): AsyncGenerator<NoteRow> {
      yield { note: "first", amount: 1 };
      throw new Error("cursor lost");
    }
    await expect(renderReportCsv(notes, failing(), {}, new PassThrough().resume())).rejects.toThrow("cursor lost");
  });

  it("streams 100k rows lazily: the source is only read as fast as a slow writer accepts output", async () => {
    const total = 100_000;
    let produced = 0;
    let maxAhead = 0;
    let consumedRecords = 0;
    async function* rows(): AsyncGenerator<UsageRow> {
      for (const row of sampleUsageRows(total, 9)) {
        produced += 1;
        maxAhead = Math.max(maxAhead, produced - consumedRecords);
        yield row;
      }
    }
    let bytes = 0;
    let writes = 0;
    const slowSink = new Writable({
      highWaterMark: 16 * 1024,
      write(chunk: Buffer, _encoding, callback) {
        bytes += chunk.length;
        consumedRecords += chunk.toString("utf8").split("\r\n").length - 1;
        writes += 1;
        // Yield to the event loop on every write so the producer gets every chance to run ahead.
        setImmediate(callback);
      },
    });
    const heapBefore = process.memoryUsage().heapUsed;
    await renderReportCsv(usageReport, rows(), {}, slowSink);
    const heapGrowth = process.memoryUsage().heapUsed - heapBefore;

    expect(produced).toBe(total);
    expect(consumedRecords).toBe(total + 1);
    expect(writes).toBeGreaterThan(100);
    // Backpressure: the generator never gets more than a few buffers' worth of rows ahead of the sink.
    expect(maxAhead).toBeLessThan(2_000);
    // The whole CSV is ~10 MB of text; holding it (or the rows) would grow the heap far more than this.
    expect(bytes).toBeGreaterThan(9_000_000);
    expect(heapGrowth).toBeLessThan(64 * 1024 * 1024);
  });
});
