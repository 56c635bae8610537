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
  'CREATE TABLE "alert_rule" ("id" uniqueidentifier NOT NULL CONSTRAINT "DF_alert_rule_id" DEFAULT NEWSEQUENTIALID(), "tenant_id" uniqueidentifier, "name" nvarchar(200) NOT NULL, "kind" nvarchar(32) NOT NULL, "threshold" int, "window_minutes" int, "recipients" ntext NOT NULL, "max_emails_per_hour" int NOT NULL DEFAULT \'10\', "enabled" bit NOT NULL DEFAULT 1, "created_at" datetime2 NOT NULL DEFAULT getdate(), "updated_at" datetime2 NOT NULL DEFAULT getdate(), CONSTRAINT "PK_e9bf555f33872d7b50eb2421a17" PRIMARY KEY ("id"))',
  'CREATE INDEX "ix_alert_rule_tenant" ON "alert_rule" ("tenant_id")',
  'CREATE TABLE "alert_state" ("id" uniqueidentifier NOT NULL CONSTRAINT "DF_alert_state_id" DEFAULT NEWSEQUENTIALID(), "tenant_id" uniqueidentifier, "rule_id" uniqueidentifier NOT NULL, "subject" nvarchar(100) NOT NULL, "subject_label" nvarchar(255) NOT NULL, "status" nvarchar(16) NOT NULL, "message" nvarchar(1000) NOT NULL, "opened_at" datetime2(3) NOT NULL, "resolved_at" datetime2(3), "opened_notified_at" datetime2(3), "resolved_notified_at" datetime2(3), CONSTRAINT "PK_347e07f47b410593bc6baa6c080" PRIMARY KEY ("id"))',
  'CREATE INDEX "ix_alert_state_tenant_time" ON "alert_state" ("tenant_id", "opened_at")',
  'CREATE UNIQUE INDEX "uq_alert_state_open" ON "alert_state" ("rule_id", "subject") WHERE status = \'open\'',
  'CREATE TABLE "report_delivery" ("id" uniqueidentifier NOT NULL CONSTRAINT "DF_report_delivery_id" DEFAULT NEWSEQUENTIALID(), "tenant_id" uniqueidentifier, "schedule_id" uniqueidentifier NOT NULL, "period_key" nvarchar(100) NOT NULL, "period_start" datetime2(3) NOT NULL, "period_end" datetime2(3) NOT NULL, "status" nvarchar(16) NOT NULL, "attempts" int NOT NULL DEFAULT \'0\', "error" nvarchar(2000), "message_id" nvarchar(255), "recipients" ntext NOT NULL, "created_at" datetime2(3) NOT NULL DEFAULT getdate(), "finished_at" datetime2(3), CONSTRAINT "PK_567308b7bc0a40292235ef67579" PRIMARY KEY ("id"))',
  'CREATE INDEX "ix_report_delivery_tenant_time" ON "report_delivery" ("tenant_id", "created_at")',
  'CREATE UNIQUE INDEX "uq_report_delivery_period" ON "report_delivery" ("schedule_id", "period_key")',
  'CREATE TABLE "report_schedule" ("id" uniqueidentifier NOT NULL CONSTRAINT "DF_report_schedule_id" DEFAULT NEWSEQUENTIALID(), "tenant_id" uniqueidentifier, "name" nvarchar(200) NOT NULL, "report" nvarchar(32) NOT NULL, "formats" ntext NOT NULL, "period" nvarchar(16) NOT NULL, "time_zone" nvarchar(64) NOT NULL, "hour" int NOT NULL, "recipients" ntext NOT NULL, "enabled" bit NOT NULL DEFAULT 1, "created_at" datetime2 NOT NULL DEFAULT getdate(), "updated_at" datetime2 NOT NULL DEFAULT getdate(), CONSTRAINT "PK_c7488f713986a70052eb10f1178" PRIMARY KEY ("id"))',
  'CREATE INDEX "ix_report_schedule_tenant" ON "report_schedule" ("tenant_id")',
  'CREATE TABLE "smtp_settings" ("id" uniqueidentifier NOT NULL CONSTRAINT "DF_smtp_settings_id" DEFAULT NEWSEQUENTIALID(), "tenant_id" uniqueidentifier, "host" nvarchar(255) NOT NULL, "port" int NOT NULL, "tls_mode" nvarchar(16) NOT NULL, "username" nvarchar(255), "password_enc" nvarchar(2000), "from_address" nvarchar(320) NOT NULL, "created_at" datetime2 NOT NULL DEFAULT getdate(), "updated_at" datetime2 NOT NULL DEFAULT getdate(), CONSTRAINT "PK_4df316fe95dcbe118d6c6fd96df" PRIMARY KEY ("id"))',
  'CREATE UNIQUE INDEX "uq_smtp_settings_tenant" ON "smtp_settings" ("tenant_id")',
];

const DOWN = [
  'DROP INDEX "uq_smtp_settings_tenant" ON "smtp_settings"',
  'DROP TABLE "smtp_settings"',
  'DROP INDEX "ix_report_schedule_tenant" ON "report_schedule"',
  'DROP TABLE "report_schedule"',
  'DROP INDEX "uq_report_delivery_period" ON "report_delivery"',
  'DROP INDEX "ix_report_delivery_tenant_time" ON "report_delivery"',
  'DROP TABLE "report_delivery"',
  'DROP INDEX "uq_alert_state_open" ON "alert_state"',
  'DROP INDEX "ix_alert_state_tenant_time" ON "alert_state"',
  'DROP TABLE "alert_state"',
  'DROP INDEX "ix_alert_rule_tenant" ON "alert_rule"',
  'DROP TABLE "alert_rule"',
];
