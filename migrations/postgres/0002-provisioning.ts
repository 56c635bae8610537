import type { MigrationInterface, QueryRunner } from "typeorm";

/** Pool controller: schedule/restraint/user-data/domain-join on pools, per-desktop provisioning state, events. */
export class Provisioning0002 implements MigrationInterface {
  name = "Provisioning1700000000002";

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const statement of UP) await queryRunner.query(statement);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const statement of DOWN) await queryRunner.query(statement);
  }
}

const UP = [
  'CREATE TABLE "provisioning_event" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tenant_id" uuid NOT NULL, "pool_id" uuid NOT NULL, "desktop_id" uuid, "kind" character varying(32) NOT NULL, "level" character varying(8) NOT NULL, "message" character varying(2000) NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_98033a469e06845dfef05a9550a" PRIMARY KEY ("id"))',
  'CREATE INDEX "ix_provisioning_event_tenant_pool_time" ON "provisioning_event" ("tenant_id", "pool_id", "created_at")',
  'ALTER TABLE "cloud" ADD "requests_per_second" integer',
  'ALTER TABLE "desktop" ADD "provisioning_state" character varying(16) NOT NULL DEFAULT \'pending\'',
  'ALTER TABLE "desktop" ADD "request_marker" character varying(64)',
  'ALTER TABLE "desktop" ADD "create_attempts" integer NOT NULL DEFAULT \'0\'',
  'ALTER TABLE "desktop" ADD "server_status" character varying(64)',
  'ALTER TABLE "desktop" ADD "image_ref" character varying(64)',
  'ALTER TABLE "desktop" ADD "pending_action" character varying(16)',
  'ALTER TABLE "pool" ADD "next_seq" integer NOT NULL DEFAULT \'1\'',
  'ALTER TABLE "pool" ADD "time_zone" character varying(64) NOT NULL DEFAULT \'UTC\'',
  'ALTER TABLE "pool" ADD "schedule" text',
  'ALTER TABLE "pool" ADD "parked_power_state" character varying(16) NOT NULL DEFAULT \'running\'',
  'ALTER TABLE "pool" ADD "restraint_failures" integer NOT NULL DEFAULT \'3\'',
  'ALTER TABLE "pool" ADD "restraint_window_minutes" integer NOT NULL DEFAULT \'10\'',
  'ALTER TABLE "pool" ADD "delete_orphans" boolean NOT NULL DEFAULT false',
  'ALTER TABLE "pool" ADD "user_data_kind" character varying(16) NOT NULL DEFAULT \'none\'',
  'ALTER TABLE "pool" ADD "user_data_template" text',
  'ALTER TABLE "pool" ADD "domain_join" text',
  'ALTER TABLE "pool" ADD "provisioning_state" character varying(16) NOT NULL DEFAULT \'idle\'',
  'ALTER TABLE "pool" ADD "last_error" character varying(2000)',
  'ALTER TABLE "pool" ADD "synced_at" TIMESTAMP WITH TIME ZONE',
  'ALTER TABLE "pool" ADD "full_synced_at" TIMESTAMP WITH TIME ZONE',
  'CREATE INDEX "ix_desktop_tenant_pool_state" ON "desktop" ("tenant_id", "pool_id", "provisioning_state")',
];

const DOWN = [
  'DROP INDEX "public"."ix_desktop_tenant_pool_state"',
  ...[
    "next_seq",
    "time_zone",
    "schedule",
    "parked_power_state",
    "restraint_failures",
    "restraint_window_minutes",
    "delete_orphans",
    "user_data_kind",
    "user_data_template",
    "domain_join",
    "provisioning_state",
    "last_error",
    "synced_at",
    "full_synced_at",
  ].map((column) => `ALTER TABLE "pool" DROP COLUMN "${column}"`),
  ...["provisioning_state", "request_marker", "create_attempts", "server_status", "image_ref", "pending_action"].map(
    (column) => `ALTER TABLE "desktop" DROP COLUMN "${column}"`,
  ),
  'ALTER TABLE "cloud" DROP COLUMN "requests_per_second"',
  'DROP INDEX "public"."ix_provisioning_event_tenant_pool_time"',
  'DROP TABLE "provisioning_event"',
];
