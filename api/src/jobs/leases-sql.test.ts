import { buildDataSource } from "@atrium/migrations";
import { MssqlParameter } from "typeorm";
import { describe, expect, it } from "vitest";
import { leaseTakeoverQuery } from "./leases.js";

// SQL Server cannot run here, so the one lease statement with a dialect-sensitive shape is checked as SQL.
async function offline(kind: "mssql" | "postgres") {
  const url = kind === "mssql" ? "mssql://sa:secret@127.0.0.1:14339/atrium" : "postgres://x@127.0.0.1:1/x";
  const dataSource = buildDataSource({ kind, url });
  await (dataSource as unknown as { buildMetadatas(): Promise<void> }).buildMetadatas();
  return dataSource;
}

const now = new Date("2026-11-26T10:00:00.000Z");

describe("lease takeover SQL", () => {
  it("is one conditional UPDATE on SQL Server, with datetime2 instants", async () => {
    const [sql, parameters] = leaseTakeoverQuery(
      await offline("mssql"),
      "pool:1",
      "w1",
      now,
      1_000,
    ).getQueryAndParameters();
    expect(sql).toBe(
      `UPDATE "lease" SET "holder" = @0, "expires_at" = @1, ` +
        `"acquired_at" = CASE WHEN "holder" = @2 THEN "acquired_at" ELSE @3 END ` +
        `WHERE "name" = @4 AND ("holder" = @2 OR "expires_at" < @3)`,
    );
    expect(parameters[1]).toMatchObject({ type: "datetime2", value: new Date("2026-11-26T10:00:01.000Z") });
    expect(parameters[3]).toEqual(new MssqlParameter(now, "datetime2"));
  });

  it("is the same statement on PostgreSQL", async () => {
    const [sql, parameters] = leaseTakeoverQuery(
      await offline("postgres"),
      "pool:1",
      "w1",
      now,
      1_000,
    ).getQueryAndParameters();
    expect(sql).toBe(
      `UPDATE "lease" SET "holder" = $1, "expires_at" = $2, ` +
        `"acquired_at" = CASE WHEN "holder" = $3 THEN "acquired_at" ELSE $4 END ` +
        `WHERE "name" = $5 AND ("holder" = $3 OR "expires_at" < $4)`,
    );
    expect(parameters).toEqual(["w1", new Date("2026-11-26T10:00:01.000Z"), "w1", now, "pool:1"]);
  });
});
