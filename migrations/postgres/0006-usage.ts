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
  'CREATE TABLE "desktop_power_interval" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tenant_id" uuid NOT NULL, "desktop_id" uuid NOT NULL, "pool_id" uuid NOT NULL, "power_state" character varying(16) NOT NULL, "flavor_ref" character varying(64) NOT NULL, "vcpus" integer NOT NULL, "ram_mb" integer NOT NULL, "storage_gb" integer NOT NULL, "started_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "ended_at" TIMESTAMP(3) WITH TIME ZONE, CONSTRAINT "PK_506d36bbb3d9cd5504d0efc0c01" PRIMARY KEY ("id"))',
  'CREATE UNIQUE INDEX "uq_desktop_power_interval_open" ON "desktop_power_interval" ("desktop_id") WHERE ended_at IS NULL',
  'CREATE INDEX "ix_desktop_power_interval_pool_open" ON "desktop_power_interval" ("tenant_id", "pool_id") WHERE ended_at IS NULL',
  'CREATE INDEX "ix_desktop_power_interval_tenant_end" ON "desktop_power_interval" ("tenant_id", "ended_at")',
  'CREATE INDEX "ix_assignment_tenant_released" ON "assignment" ("tenant_id", "released_at")',
  'CREATE INDEX "ix_desktop_session_tenant_ended" ON "desktop_session" ("tenant_id", "ended_at")',
  'CREATE TABLE "usage_record" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tenant_id" uuid NOT NULL, "hour_start" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "pool_id" uuid NOT NULL, "pool_name" character varying(200) NOT NULL, "flavor_ref" character varying(64) NOT NULL, "user_id" uuid, "username" character varying(255), "powered_on_hours" numeric(18,6) NOT NULL, "assigned_hours" numeric(18,6) NOT NULL, "session_hours" numeric(18,6) NOT NULL, "vcpu_hours" numeric(18,6) NOT NULL, "ram_gb_hours" numeric(18,6) NOT NULL, "storage_gb_hours" numeric(18,6) NOT NULL, "metered_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, CONSTRAINT "PK_f22cc039acc8b1bd333978b7cf7" PRIMARY KEY ("id"))',
  'CREATE INDEX "ix_usage_record_hour" ON "usage_record" ("hour_start")',
  'CREATE UNIQUE INDEX "uq_usage_record_unassigned" ON "usage_record" ("tenant_id", "hour_start", "pool_id", "flavor_ref") WHERE user_id IS NULL',
  'CREATE UNIQUE INDEX "uq_usage_record_user" ON "usage_record" ("tenant_id", "hour_start", "pool_id", "flavor_ref", "user_id") WHERE user_id IS NOT NULL',
];

const DOWN = [
  'DROP INDEX "public"."uq_usage_record_user"',
  'DROP INDEX "public"."uq_usage_record_unassigned"',
  'DROP INDEX "public"."ix_usage_record_hour"',
  'DROP TABLE "usage_record"',
  'DROP INDEX "public"."ix_desktop_power_interval_tenant_end"',
  'DROP INDEX "public"."ix_desktop_power_interval_pool_open"',
  'DROP INDEX "public"."uq_desktop_power_interval_open"',
  'DROP TABLE "desktop_power_interval"',
  'DROP INDEX "public"."ix_desktop_session_tenant_ended"',
  'DROP INDEX "public"."ix_assignment_tenant_released"',
];
