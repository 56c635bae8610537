import type { DataSource } from "typeorm";
import type { ColumnMetadata } from "typeorm/metadata/ColumnMetadata.js";

type NormalizeInput = Parameters<DataSource["driver"]["normalizeType"]>[0];

/**
 * Entities declare dates as plain `Date` so they stay dialect-neutral, but TypeORM maps `Date` to PostgreSQL's
 * `timestamp without time zone` (which silently reinterprets instants in the server's zone and breaks around DST)
 * and to SQL Server's low-precision `datetime`. Every instant we store is absolute (billing hours, leases), so
 * each dialect gets its time-zone-safe type here, in one place, before metadata is built.
 */
export function useAbsoluteTimestamps(dataSource: DataSource): void {
  const driver = dataSource.driver;
  const dateType = driver.options.type === "mssql" ? "datetime2" : "timestamptz";
  const normalize = driver.normalizeType.bind(driver);
  driver.normalizeType = (column: NormalizeInput) => {
    if (column.type === Date) return normalize({ ...column, type: dateType } as NormalizeInput);
    return normalize(column);
  };
  driver.mappedDataTypes.createDate = dateType;
  driver.mappedDataTypes.updateDate = dateType;
  driver.mappedDataTypes.deleteDate = dateType;
}

export type { ColumnMetadata };
