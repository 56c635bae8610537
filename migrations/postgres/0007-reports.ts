import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Reports and alerts: SMTP settings (MSP, per-tenant override, sealed password), report schedules and their delivery
 * log (one row per schedule and period), alert rules and raised alert states (at most one open per rule and subject).
 */
export class Reports0007 implements MigrationInterface {
  // TypeORM orders migrations by the trailing 13-digit number; ours is 1700000000000 + the migration number.
  name = "Reports1700000000007";

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const statement of UP) await queryRunner.query(statement);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const statement of DOWN) await queryRunner.query(statement);
  }
}

const UP = [
  'CREATE TABLE "alert_rule" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tenant_id" uuid, "name" character varying(200) NOT NULL, "kind" character varying(32) NOT NULL, "threshold" integer, "window_minutes" integer, "recipients" text NOT NULL, "max_emails_per_hour" integer NOT NULL DEFAULT \'10\', "enabled" boolean NOT NULL DEFAULT true, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_e9bf555f33872d7b50eb2421a17" PRIMARY KEY ("id"))',
  'CREATE INDEX "ix_alert_rule_tenant" ON "alert_rule" ("tenant_id")',
  'CREATE TABLE "alert_state" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tenant_id" uuid, "rule_id" uuid NOT NULL, "subject" character varying(100) NOT NULL, "subject_label" character varying(255) NOT NULL, "status" character varying(16) NOT NULL, "message" character varying(1000) NOT NULL, "opened_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "resolved_at" TIMESTAMP(3) WITH TIME ZONE, "opened_notified_at" TIMESTAMP(3) WITH TIME ZONE, "resolved_notified_at" TIMESTAMP(3) WITH TIME ZONE, CONSTRAINT "PK_347e07f47b410593bc6baa6c080" PRIMARY KEY ("id"))',
  'CREATE INDEX "ix_alert_state_tenant_time" ON "alert_state" ("tenant_id", "opened_at")',
  'CREATE UNIQUE INDEX "uq_alert_state_open" ON "alert_state" ("rule_id", "subject") WHERE status = \'open\'',
  'CREATE TABLE "report_delivery" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tenant_id" uuid, "schedule_id" uuid NOT NULL, "period_key" character varying(100) NOT NULL, "period_start" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "period_end" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "status" character varying(16) NOT NULL, "attempts" integer NOT NULL DEFAULT \'0\', "error" character varying(2000), "message_id" character varying(255), "recipients" text NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "finished_at" TIMESTAMP(3) WITH TIME ZONE, CONSTRAINT "PK_567308b7bc0a40292235ef67579" PRIMARY KEY ("id"))',
  'CREATE INDEX "ix_report_delivery_tenant_time" ON "report_delivery" ("tenant_id", "created_at")',
  'CREATE UNIQUE INDEX "uq_report_delivery_period" ON "report_delivery" ("schedule_id", "period_key")',
  'CREATE TABLE "report_schedule" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tenant_id" uuid, "name" character varying(200) NOT NULL, "report" character varying(32) NOT NULL, "formats" text NOT NULL, "period" character varying(16) NOT NULL, "time_zone" character varying(64) NOT NULL, "hour" integer NOT NULL, "recipients" text NOT NULL, "enabled" boolean NOT NULL DEFAULT true, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_c7488f713986a70052eb10f1178" PRIMARY KEY ("id"))',
  'CREATE INDEX "ix_report_schedule_tenant" ON "report_schedule" ("tenant_id")',
  'CREATE TABLE "smtp_settings" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tenant_id" uuid, "host" character varying(255) NOT NULL, "port" integer NOT NULL, "tls_mode" character varying(16) NOT NULL, "username" character varying(255), "password_enc" character varying(2000), "from_address" character varying(320) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_4df316fe95dcbe118d6c6fd96df" PRIMARY KEY ("id"))',
  'CREATE UNIQUE INDEX "uq_smtp_settings_tenant" ON "smtp_settings" ("tenant_id")',
];

const DOWN = [
  'DROP INDEX "public"."uq_smtp_settings_tenant"',
  'DROP TABLE "smtp_settings"',
  'DROP INDEX "public"."ix_report_schedule_tenant"',
  'DROP TABLE "report_schedule"',
  'DROP INDEX "public"."uq_report_delivery_period"',
  'DROP INDEX "public"."ix_report_delivery_tenant_time"',
  'DROP TABLE "report_delivery"',
  'DROP INDEX "public"."uq_alert_state_open"',
  'DROP INDEX "public"."ix_alert_state_tenant_time"',
  'DROP TABLE "alert_state"',
  'DROP INDEX "public"."ix_alert_rule_tenant"',
  'DROP TABLE "alert_rule"',
];
