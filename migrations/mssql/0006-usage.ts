import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Usage metering: the append-only desktop power history (one open stretch per desktop), indexes that find assignments
 * and sessions by their end, and the hourly usage records of the billing feed (unique per tenant, hour, pool, flavor
 * and user, the no-user row included).
 */
export class Usage0006 implements MigrationInterface {
  // TypeORM orders migrations by the trailing 13-digit number; ours is 1700000000000 + the migration number.
  name = "Usage1700000000006";

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const statement of UP) await queryRunner.query(statement);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const statement of DOWN) await queryRunner.query(statement);
  }
}

const UP = [
  'CREATE TABLE "desktop_power_interval" ("id" uniqueidentifier NOT NULL CONSTRAINT "DF_desktop_power_interval_id" DEFAULT NEWSEQUENTIALID(), "tenant_id" uniqueidentifier NOT NULL, "desktop_id" uniqueidentifier NOT NULL, "pool_id" uniqueidentifier NOT NULL, "power_state" nvarchar(16) NOT NULL, "flavor_ref" nvarchar(64) NOT NULL, "vcpus" int NOT NULL, "ram_mb" int NOT NULL, "storage_gb" int NOT NULL, "started_at" datetime2(3) NOT NULL, "ended_at" datetime2(3), CONSTRAINT "PK_506d36bbb3d9cd5504d0efc0c01" PRIMARY KEY ("id"))',
  'CREATE UNIQUE INDEX "uq_desktop_power_interval_open" ON "desktop_power_interval" ("desktop_id") WHERE ended_at IS NULL',
  'CREATE INDEX "ix_desktop_power_interval_pool_open" ON "desktop_power_interval" ("tenant_id", "pool_id") WHERE ended_at IS NULL',
  'CREATE INDEX "ix_desktop_power_interval_tenant_end" ON "desktop_power_interval" ("tenant_id", "ended_at")',
  'CREATE INDEX "ix_assignment_tenant_released" ON "assignment" ("tenant_id", "released_at")',
  'CREATE INDEX "ix_desktop_session_tenant_ended" ON "desktop_session" ("tenant_id", "ended_at")',
  'CREATE TABLE "usage_record" ("id" uniqueidentifier NOT NULL CONSTRAINT "DF_usage_record_id" DEFAULT NEWSEQUENTIALID(), "tenant_id" uniqueidentifier NOT NULL, "hour_start" datetime2(3) NOT NULL, "pool_id" uniqueidentifier NOT NULL, "pool_name" nvarchar(200) NOT NULL, "flavor_ref" nvarchar(64) NOT NULL, "user_id" uniqueidentifier, "username" nvarchar(255), "powered_on_hours" decimal(18,6) NOT NULL, "assigned_hours" decimal(18,6) NOT NULL, "session_hours" decimal(18,6) NOT NULL, "vcpu_hours" decimal(18,6) NOT NULL, "ram_gb_hours" decimal(18,6) NOT NULL, "storage_gb_hours" decimal(18,6) NOT NULL, "metered_at" datetime2(3) NOT NULL, CONSTRAINT "PK_f22cc039acc8b1bd333978b7cf7" PRIMARY KEY ("id"))',
  'CREATE INDEX "ix_usage_record_hour" ON "usage_record" ("hour_start")',
  'CREATE UNIQUE INDEX "uq_usage_record_unassigned" ON "usage_record" ("tenant_id", "hour_start", "pool_id", "flavor_ref") WHERE user_id IS NULL',
  'CREATE UNIQUE INDEX "uq_usage_record_user" ON "usage_record" ("tenant_id", "hour_start", "pool_id", "flavor_ref", "user_id") WHERE user_id IS NOT NULL',
];

const DOWN = [
  'DROP INDEX "uq_usage_record_user" ON "usage_record"',
  'DROP INDEX "uq_usage_record_unassigned" ON "usage_record"',
  'DROP INDEX "ix_usage_record_hour" ON "usage_record"',
  'DROP TABLE "usage_record"',
  'DROP INDEX "ix_desktop_power_interval_tenant_end" ON "desktop_power_interval"',
  'DROP INDEX "ix_desktop_power_interval_pool_open" ON "desktop_power_interval"',
  'DROP INDEX "uq_desktop_power_interval_open" ON "desktop_power_interval"',
  'DROP TABLE "desktop_power_interval"',
  'DROP INDEX "ix_desktop_session_tenant_ended" ON "desktop_session"',
  'DROP INDEX "ix_assignment_tenant_released" ON "assignment"',
];
