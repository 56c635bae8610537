import type { MigrationInterface, QueryRunner } from "typeorm";

/** SQL Server twin of postgres/0001. Unique indexes treat NULLs as equal here already, like NULLS NOT DISTINCT. */
export class Foundation0001 implements MigrationInterface {
  // TypeORM orders migrations by the trailing 13-digit number; ours is 1700000000000 + the migration number.
  name = "Foundation1700000000001";

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const statement of UP) await queryRunner.query(statement);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const statement of DOWN) await queryRunner.query(statement);
  }
}

const UP = [
  'CREATE TABLE "api_key" ("id" uniqueidentifier NOT NULL CONSTRAINT "DF_api_key_id" DEFAULT NEWSEQUENTIALID(), "tenant_id" uniqueidentifier, "name" nvarchar(200) NOT NULL, "prefix" nvarchar(32) NOT NULL, "secret_hash" nvarchar(255) NOT NULL, "scopes" ntext NOT NULL, "created_by" uniqueidentifier, "expires_at" datetime2, "last_used_at" datetime2, "revoked_at" datetime2, "created_at" datetime2 NOT NULL DEFAULT getdate(), CONSTRAINT "PK_b1bd840641b8acbaad89c3d8d11" PRIMARY KEY ("id"))',
  'CREATE UNIQUE INDEX "uq_api_key_prefix" ON "api_key" ("prefix")',
  'CREATE INDEX "ix_api_key_tenant" ON "api_key" ("tenant_id")',
  'CREATE TABLE "audit_event" ("id" uniqueidentifier NOT NULL CONSTRAINT "DF_audit_event_id" DEFAULT NEWSEQUENTIALID(), "tenant_id" uniqueidentifier, "actor_type" nvarchar(16) NOT NULL, "actor_id" uniqueidentifier, "actor_name" nvarchar(255) NOT NULL, "action" nvarchar(100) NOT NULL, "target_type" nvarchar(64), "target_id" nvarchar(64), "request_id" nvarchar(64), "before" ntext, "after" ntext, "created_at" datetime2(3) NOT NULL DEFAULT getdate(), CONSTRAINT "PK_481efbe8b0a403efe3f47a6528f" PRIMARY KEY ("id"))',
  'CREATE INDEX "ix_audit_event_tenant_time" ON "audit_event" ("tenant_id", "created_at")',
  'CREATE TABLE "auth_session" ("id" uniqueidentifier NOT NULL CONSTRAINT "DF_auth_session_id" DEFAULT NEWSEQUENTIALID(), "user_id" uniqueidentifier NOT NULL, "tenant_id" uniqueidentifier, "refresh_hash" nvarchar(128) NOT NULL, "client_ip" nvarchar(64), "expires_at" datetime2 NOT NULL, "revoked_at" datetime2, "created_at" datetime2 NOT NULL DEFAULT getdate(), CONSTRAINT "PK_19354ed146424a728c1112a8cbf" PRIMARY KEY ("id"))',
  'CREATE INDEX "ix_auth_session_user" ON "auth_session" ("user_id")',
  'CREATE TABLE "cloud" ("id" uniqueidentifier NOT NULL CONSTRAINT "DF_cloud_id" DEFAULT NEWSEQUENTIALID(), "name" nvarchar(200) NOT NULL, "auth_url" nvarchar(1000) NOT NULL, "region" nvarchar(255), "domain_name" nvarchar(255) NOT NULL, "project_name" nvarchar(255) NOT NULL, "username" nvarchar(255) NOT NULL, "password_enc" nvarchar(1000) NOT NULL, "status" nvarchar(16) NOT NULL DEFAULT \'unknown\', "status_message" nvarchar(1000), "max_microversion" nvarchar(16), "last_checked_at" datetime2, "created_at" datetime2 NOT NULL DEFAULT getdate(), "updated_at" datetime2 NOT NULL DEFAULT getdate(), CONSTRAINT "PK_936339427a11bf6604e61cba645" PRIMARY KEY ("id"))',
  'CREATE UNIQUE INDEX "uq_cloud_name" ON "cloud" ("name")',
  'CREATE TABLE "desktop" ("id" uniqueidentifier NOT NULL CONSTRAINT "DF_desktop_id" DEFAULT NEWSEQUENTIALID(), "tenant_id" uniqueidentifier NOT NULL, "pool_id" uniqueidentifier NOT NULL, "name" nvarchar(64) NOT NULL, "seq" int NOT NULL, "server_id" nvarchar(64), "addresses" ntext, "observed_power_state" nvarchar(16) NOT NULL DEFAULT \'unknown\', "desired_power_state" nvarchar(16) NOT NULL DEFAULT \'running\', "availability" nvarchar(16) NOT NULL DEFAULT \'provisioning\', "assigned_user_id" uniqueidentifier, "session_state" nvarchar(16) NOT NULL DEFAULT \'none\', "last_error" nvarchar(2000), "out_of_service" bit NOT NULL DEFAULT 0, "created_at" datetime2 NOT NULL DEFAULT getdate(), "updated_at" datetime2 NOT NULL DEFAULT getdate(), CONSTRAINT "PK_f922cf9536e7e79e5d06158c37a" PRIMARY KEY ("id"))',
  'CREATE INDEX "ix_desktop_server" ON "desktop" ("server_id")',
  'CREATE INDEX "ix_desktop_tenant_availability" ON "desktop" ("tenant_id", "availability")',
  'CREATE UNIQUE INDEX "uq_desktop_pool_seq" ON "desktop" ("tenant_id", "pool_id", "seq")',
  'CREATE TABLE "app_group" ("id" uniqueidentifier NOT NULL CONSTRAINT "DF_app_group_id" DEFAULT NEWSEQUENTIALID(), "tenant_id" uniqueidentifier NOT NULL, "name" nvarchar(255) NOT NULL, "description" nvarchar(1000), "source" nvarchar(16) NOT NULL DEFAULT \'local\', "external_id" nvarchar(512), "created_at" datetime2 NOT NULL DEFAULT getdate(), "updated_at" datetime2 NOT NULL DEFAULT getdate(), CONSTRAINT "PK_b72974aab110f0dd1ba0f358f9a" PRIMARY KEY ("id"))',
  'CREATE UNIQUE INDEX "uq_group_tenant_name" ON "app_group" ("tenant_id", "name")',
  'CREATE TABLE "group_membership" ("id" uniqueidentifier NOT NULL CONSTRAINT "DF_group_membership_id" DEFAULT NEWSEQUENTIALID(), "tenant_id" uniqueidentifier NOT NULL, "group_id" uniqueidentifier NOT NULL, "user_id" uniqueidentifier NOT NULL, "created_at" datetime2 NOT NULL DEFAULT getdate(), CONSTRAINT "PK_b631623cf04fa74513b975e7059" PRIMARY KEY ("id"))',
  'CREATE INDEX "ix_group_membership_user" ON "group_membership" ("tenant_id", "user_id")',
  'CREATE UNIQUE INDEX "uq_group_membership" ON "group_membership" ("tenant_id", "group_id", "user_id")',
  'CREATE TABLE "job" ("id" uniqueidentifier NOT NULL CONSTRAINT "DF_job_id" DEFAULT NEWSEQUENTIALID(), "tenant_id" uniqueidentifier, "name" nvarchar(100) NOT NULL, "payload" ntext NOT NULL, "status" nvarchar(16) NOT NULL DEFAULT \'queued\', "attempts" int NOT NULL DEFAULT 0, "max_attempts" int NOT NULL DEFAULT 5, "run_at" datetime2 NOT NULL, "locked_by" nvarchar(100), "locked_until" datetime2, "last_error" nvarchar(4000), "dedupe_key" nvarchar(200), "created_at" datetime2 NOT NULL DEFAULT getdate(), "updated_at" datetime2 NOT NULL DEFAULT getdate(), CONSTRAINT "PK_98ab1c14ff8d1cf80d18703b92f" PRIMARY KEY ("id"))',
  'CREATE UNIQUE INDEX "uq_job_dedupe" ON "job" ("dedupe_key") WHERE dedupe_key IS NOT NULL AND status IN (\'queued\', \'running\')',
  'CREATE INDEX "ix_job_claim" ON "job" ("status", "run_at")',
  'CREATE TABLE "lease" ("name" nvarchar(200) NOT NULL, "holder" nvarchar(100) NOT NULL, "expires_at" datetime2 NOT NULL, "acquired_at" datetime2 NOT NULL, CONSTRAINT "PK_bbcb31cd0d6ea2f600b0f84717a" PRIMARY KEY ("name"))',
  'CREATE TABLE "pool" ("id" uniqueidentifier NOT NULL CONSTRAINT "DF_pool_id" DEFAULT NEWSEQUENTIALID(), "tenant_id" uniqueidentifier NOT NULL, "cloud_id" uniqueidentifier NOT NULL, "name" nvarchar(200) NOT NULL, "description" nvarchar(1000), "image_ref" nvarchar(64) NOT NULL, "flavor_ref" nvarchar(64) NOT NULL, "network_ids" ntext NOT NULL, "security_groups" ntext NOT NULL, "boot_volume_gb" int, "storage_policy" nvarchar(255), "availability_zone" nvarchar(255), "name_pattern" nvarchar(64) NOT NULL, "min_total" int NOT NULL DEFAULT 0, "max_total" int NOT NULL DEFAULT 10, "min_available" int NOT NULL DEFAULT 0, "min_running" int NOT NULL DEFAULT 0, "enforce_limits" bit NOT NULL DEFAULT 0, "status" nvarchar(16) NOT NULL DEFAULT \'active\', "status_reason" nvarchar(1000), "created_at" datetime2 NOT NULL DEFAULT getdate(), "updated_at" datetime2 NOT NULL DEFAULT getdate(), CONSTRAINT "PK_db1bfe411e1516c01120b85f8fe" PRIMARY KEY ("id"))',
  'CREATE UNIQUE INDEX "uq_pool_tenant_name" ON "pool" ("tenant_id", "name")',
  'CREATE TABLE "role_binding" ("id" uniqueidentifier NOT NULL CONSTRAINT "DF_role_binding_id" DEFAULT NEWSEQUENTIALID(), "tenant_id" uniqueidentifier, "user_id" uniqueidentifier, "group_id" uniqueidentifier, "role" nvarchar(32) NOT NULL, "created_at" datetime2 NOT NULL DEFAULT getdate(), CONSTRAINT "PK_94c1497e2c1cb0e61f24d82d9e4" PRIMARY KEY ("id"))',
  'CREATE INDEX "ix_role_binding_group" ON "role_binding" ("tenant_id", "group_id")',
  'CREATE INDEX "ix_role_binding_user" ON "role_binding" ("tenant_id", "user_id")',
  'CREATE TABLE "tenant" ("id" uniqueidentifier NOT NULL CONSTRAINT "DF_tenant_id" DEFAULT NEWSEQUENTIALID(), "name" nvarchar(200) NOT NULL, "slug" nvarchar(63) NOT NULL, "status" nvarchar(16) NOT NULL DEFAULT \'active\', "brand_color" nvarchar(7), "vhi_domain" nvarchar(255), "vhi_project" nvarchar(255), "max_desktops" int, "created_at" datetime2 NOT NULL DEFAULT getdate(), "updated_at" datetime2 NOT NULL DEFAULT getdate(), CONSTRAINT "PK_da8c6efd67bb301e810e56ac139" PRIMARY KEY ("id"))',
  'CREATE UNIQUE INDEX "uq_tenant_slug" ON "tenant" ("slug")',
  'CREATE TABLE "app_user" ("id" uniqueidentifier NOT NULL CONSTRAINT "DF_app_user_id" DEFAULT NEWSEQUENTIALID(), "tenant_id" uniqueidentifier, "username" nvarchar(255) NOT NULL, "display_name" nvarchar(255), "email" nvarchar(320), "source" nvarchar(16) NOT NULL DEFAULT \'local\', "external_id" nvarchar(512), "password_hash" nvarchar(255), "disabled" bit NOT NULL DEFAULT 0, "last_login_at" datetime2, "created_at" datetime2 NOT NULL DEFAULT getdate(), "updated_at" datetime2 NOT NULL DEFAULT getdate(), CONSTRAINT "PK_22a5c4a3d9b2fb8e4e73fc4ada1" PRIMARY KEY ("id"))',
  'CREATE UNIQUE INDEX "uq_user_tenant_username" ON "app_user" ("tenant_id", "username")',
];

const DOWN = [
  'DROP INDEX "uq_user_tenant_username" ON "app_user"',
  'DROP TABLE "app_user"',
  'DROP INDEX "uq_tenant_slug" ON "tenant"',
  'DROP TABLE "tenant"',
  'DROP INDEX "ix_role_binding_user" ON "role_binding"',
  'DROP INDEX "ix_role_binding_group" ON "role_binding"',
  'DROP TABLE "role_binding"',
  'DROP INDEX "uq_pool_tenant_name" ON "pool"',
  'DROP TABLE "pool"',
  'DROP TABLE "lease"',
  'DROP INDEX "ix_job_claim" ON "job"',
  'DROP INDEX "uq_job_dedupe" ON "job"',
  'DROP TABLE "job"',
  'DROP INDEX "uq_group_membership" ON "group_membership"',
  'DROP INDEX "ix_group_membership_user" ON "group_membership"',
  'DROP TABLE "group_membership"',
  'DROP INDEX "uq_group_tenant_name" ON "app_group"',
  'DROP TABLE "app_group"',
  'DROP INDEX "uq_desktop_pool_seq" ON "desktop"',
  'DROP INDEX "ix_desktop_tenant_availability" ON "desktop"',
  'DROP INDEX "ix_desktop_server" ON "desktop"',
  'DROP TABLE "desktop"',
  'DROP INDEX "uq_cloud_name" ON "cloud"',
  'DROP TABLE "cloud"',
  'DROP INDEX "ix_auth_session_user" ON "auth_session"',
  'DROP TABLE "auth_session"',
  'DROP INDEX "ix_audit_event_tenant_time" ON "audit_event"',
  'DROP TABLE "audit_event"',
  'DROP INDEX "ix_api_key_tenant" ON "api_key"',
  'DROP INDEX "uq_api_key_prefix" ON "api_key"',
  'DROP TABLE "api_key"',
];
