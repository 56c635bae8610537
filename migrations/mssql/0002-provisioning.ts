import type { MigrationInterface, QueryRunner } from "typeorm";

/** SQL Server twin of postgres/0002. Columns with defaults are dropped with their named default constraints. */
export class Provisioning0002 implements MigrationInterface {
  name = "Provisioning1700000000002";

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const statement of UP) await queryRunner.query(statement);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const statement of DOWN) await queryRunner.query(statement);
  }
}

const withDefault = (table: string, column: string, type: string, value: string) =>
  `ALTER TABLE "${table}" ADD "${column}" ${type} NOT NULL CONSTRAINT "DF_${table}_${column}" DEFAULT ${value}`;

const DEFAULTED: [table: string, column: string, type: string, value: string][] = [
  ["desktop", "provisioning_state", "nvarchar(16)", "'pending'"],
  ["desktop", "create_attempts", "int", "0"],
  ["pool", "next_seq", "int", "1"],
  ["pool", "time_zone", "nvarchar(64)", "'UTC'"],
  ["pool", "parked_power_state", "nvarchar(16)", "'running'"],
  ["pool", "restraint_failures", "int", "3"],
  ["pool", "restraint_window_minutes", "int", "10"],
  ["pool", "delete_orphans", "bit", "0"],
  ["pool", "user_data_kind", "nvarchar(16)", "'none'"],
  ["pool", "provisioning_state", "nvarchar(16)", "'idle'"],
];

const NULLABLE: [table: string, column: string, type: string][] = [
  ["cloud", "requests_per_second", "int"],
  ["desktop", "request_marker", "nvarchar(64)"],
  ["desktop", "server_status", "nvarchar(64)"],
  ["desktop", "image_ref", "nvarchar(64)"],
  ["desktop", "pending_action", "nvarchar(16)"],
  ["pool", "schedule", "ntext"],
  ["pool", "user_data_template", "ntext"],
  ["pool", "domain_join", "ntext"],
  ["pool", "last_error", "nvarchar(2000)"],
  ["pool", "synced_at", "datetime2"],
  ["pool", "full_synced_at", "datetime2"],
];

const UP = [
  'CREATE TABLE "provisioning_event" ("id" uniqueidentifier NOT NULL CONSTRAINT "DF_provisioning_event_id" DEFAULT NEWSEQUENTIALID(), "tenant_id" uniqueidentifier NOT NULL, "pool_id" uniqueidentifier NOT NULL, "desktop_id" uniqueidentifier, "kind" nvarchar(32) NOT NULL, "level" nvarchar(8) NOT NULL, "message" nvarchar(2000) NOT NULL, "created_at" datetime2(3) NOT NULL DEFAULT getdate(), CONSTRAINT "PK_98033a469e06845dfef05a9550a" PRIMARY KEY ("id"))',
  'CREATE INDEX "ix_provisioning_event_tenant_pool_time" ON "provisioning_event" ("tenant_id", "pool_id", "created_at")',
  ...DEFAULTED.map(([table, column, type, value]) => withDefault(table, column, type, value)),
  ...NULLABLE.map(([table, column, type]) => `ALTER TABLE "${table}" ADD "${column}" ${type}`),
  'CREATE INDEX "ix_desktop_tenant_pool_state" ON "desktop" ("tenant_id", "pool_id", "provisioning_state")',
];

const DOWN = [
  'DROP INDEX "ix_desktop_tenant_pool_state" ON "desktop"',
  ...NULLABLE.map(([table, column]) => `ALTER TABLE "${table}" DROP COLUMN "${column}"`),
  ...DEFAULTED.flatMap(([table, column]) => [
    `ALTER TABLE "${table}" DROP CONSTRAINT "DF_${table}_${column}"`,
    `ALTER TABLE "${table}" DROP COLUMN "${column}"`,
  ]),
  'DROP INDEX "ix_provisioning_event_tenant_pool_time" ON "provisioning_event"',
  'DROP TABLE "provisioning_event"',
];
