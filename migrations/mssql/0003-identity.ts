import type { MigrationInterface, QueryRunner } from "typeorm";

/** SQL Server twin of postgres/0003. Unique indexes treat NULLs as equal here already, like NULLS NOT DISTINCT. */
export class Identity0003 implements MigrationInterface {
  // TypeORM orders migrations by the trailing 13-digit number; ours is 1700000000000 + the migration number.
  name = "Identity1700000000003";

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const statement of UP) await queryRunner.query(statement);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const statement of DOWN) await queryRunner.query(statement);
  }
}

const UP = [
  'CREATE TABLE "auth_flow_state" ("id" uniqueidentifier NOT NULL CONSTRAINT "DF_auth_flow_state_id" DEFAULT NEWSEQUENTIALID(), "tenant_id" uniqueidentifier, "kind" nvarchar(32) NOT NULL, "key_hash" nvarchar(128) NOT NULL, "user_id" uniqueidentifier, "provider_id" uniqueidentifier, "data" ntext, "attempts" int NOT NULL DEFAULT \'0\', "expires_at" datetime2 NOT NULL, "consumed_at" datetime2, "created_at" datetime2 NOT NULL DEFAULT getdate(), CONSTRAINT "PK_893e2a46cbad248a3a13ae44a8b" PRIMARY KEY ("id"))',
  'CREATE INDEX "ix_auth_flow_state_tenant" ON "auth_flow_state" ("tenant_id", "expires_at")',
  'CREATE UNIQUE INDEX "uq_auth_flow_state_key" ON "auth_flow_state" ("key_hash")',
  'CREATE TABLE "identity_provider" ("id" uniqueidentifier NOT NULL CONSTRAINT "DF_identity_provider_id" DEFAULT NEWSEQUENTIALID(), "tenant_id" uniqueidentifier, "name" nvarchar(200) NOT NULL, "kind" nvarchar(16) NOT NULL, "enabled" bit NOT NULL DEFAULT 1, "priority" int NOT NULL DEFAULT \'100\', "config" ntext NOT NULL, "secret_enc" nvarchar(2000), "group_role_mappings" ntext NOT NULL, "created_at" datetime2(3) NOT NULL DEFAULT getdate(), "updated_at" datetime2 NOT NULL DEFAULT getdate(), CONSTRAINT "PK_5f038d63f2887fd0893ae4c5736" PRIMARY KEY ("id"))',
  'CREATE UNIQUE INDEX "uq_identity_provider_tenant_name" ON "identity_provider" ("tenant_id", "name")',
  'CREATE TABLE "identity_settings" ("id" uniqueidentifier NOT NULL CONSTRAINT "DF_identity_settings_id" DEFAULT NEWSEQUENTIALID(), "tenant_id" uniqueidentifier, "login_hostname" nvarchar(253), "mfa_required" bit NOT NULL DEFAULT 0, "mfa_radius_provider_id" uniqueidentifier, "user_failure_limit" int NOT NULL DEFAULT \'5\', "ip_failure_limit" int NOT NULL DEFAULT \'20\', "failure_window_seconds" int NOT NULL DEFAULT \'900\', "lockout_seconds" int NOT NULL DEFAULT \'900\', "created_at" datetime2 NOT NULL DEFAULT getdate(), "updated_at" datetime2 NOT NULL DEFAULT getdate(), CONSTRAINT "PK_940bf86f55bf16a68a4998e1dcf" PRIMARY KEY ("id"))',
  'CREATE UNIQUE INDEX "uq_identity_settings_hostname" ON "identity_settings" ("login_hostname") WHERE login_hostname IS NOT NULL',
  'CREATE INDEX "ix_identity_settings_tenant" ON "identity_settings" ("tenant_id")',
  'CREATE TABLE "login_event" ("id" uniqueidentifier NOT NULL CONSTRAINT "DF_login_event_id" DEFAULT NEWSEQUENTIALID(), "tenant_id" uniqueidentifier, "user_id" uniqueidentifier, "username" nvarchar(255) NOT NULL, "client_ip" nvarchar(64) NOT NULL, "provider_id" uniqueidentifier, "provider_kind" nvarchar(16) NOT NULL, "mfa" nvarchar(16) NOT NULL DEFAULT \'none\', "outcome" nvarchar(16) NOT NULL, "reason" nvarchar(500), "created_at" datetime2(3) NOT NULL DEFAULT getdate(), CONSTRAINT "PK_770aa06c7f530d2cd55b235d599" PRIMARY KEY ("id"))',
  'CREATE INDEX "ix_login_event_tenant_time" ON "login_event" ("tenant_id", "created_at")',
  'CREATE TABLE "login_throttle" ("id" uniqueidentifier NOT NULL CONSTRAINT "DF_login_throttle_id" DEFAULT NEWSEQUENTIALID(), "tenant_id" uniqueidentifier, "throttle_key" nvarchar(400) NOT NULL, "failures" int NOT NULL DEFAULT \'0\', "window_started_at" datetime2 NOT NULL, "locked_until" datetime2, "updated_at" datetime2 NOT NULL DEFAULT getdate(), CONSTRAINT "PK_be98b1c8b087e8c39dc5200701d" PRIMARY KEY ("id"))',
  'CREATE INDEX "ix_login_throttle_tenant" ON "login_throttle" ("tenant_id")',
  'CREATE UNIQUE INDEX "uq_login_throttle_key" ON "login_throttle" ("throttle_key")',
  'CREATE TABLE "user_mfa" ("id" uniqueidentifier NOT NULL CONSTRAINT "DF_user_mfa_id" DEFAULT NEWSEQUENTIALID(), "tenant_id" uniqueidentifier, "user_id" uniqueidentifier NOT NULL, "totp_secret_enc" nvarchar(500), "pending_secret_enc" nvarchar(500), "totp_enabled_at" datetime2, "last_used_step" int, "recovery_code_hashes" ntext NOT NULL, "created_at" datetime2 NOT NULL DEFAULT getdate(), "updated_at" datetime2 NOT NULL DEFAULT getdate(), CONSTRAINT "PK_7c15aa872d5f1498f2294dd2df8" PRIMARY KEY ("id"))',
  'CREATE UNIQUE INDEX "uq_user_mfa_user" ON "user_mfa" ("tenant_id", "user_id")',
];

const DOWN = [
  'DROP INDEX "uq_user_mfa_user" ON "user_mfa"',
  'DROP TABLE "user_mfa"',
  'DROP INDEX "uq_login_throttle_key" ON "login_throttle"',
  'DROP INDEX "ix_login_throttle_tenant" ON "login_throttle"',
  'DROP TABLE "login_throttle"',
  'DROP INDEX "ix_login_event_tenant_time" ON "login_event"',
  'DROP TABLE "login_event"',
  'DROP INDEX "ix_identity_settings_tenant" ON "identity_settings"',
  'DROP INDEX "uq_identity_settings_hostname" ON "identity_settings"',
  'DROP TABLE "identity_settings"',
  'DROP INDEX "uq_identity_provider_tenant_name" ON "identity_provider"',
  'DROP TABLE "identity_provider"',
  'DROP INDEX "uq_auth_flow_state_key" ON "auth_flow_state"',
  'DROP INDEX "ix_auth_flow_state_tenant" ON "auth_flow_state"',
  'DROP TABLE "auth_flow_state"',
];
