import type { MigrationInterface, QueryRunner } from "typeorm";

/** Tenancy, identity, clouds, pools, desktops, jobs and leases. MSP usernames are unique too (NULLS NOT DISTINCT). */
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
  'CREATE TABLE "api_key" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tenant_id" uuid, "name" character varying(200) NOT NULL, "prefix" character varying(32) NOT NULL, "secret_hash" character varying(255) NOT NULL, "scopes" text NOT NULL, "created_by" uuid, "expires_at" TIMESTAMP WITH TIME ZONE, "last_used_at" TIMESTAMP WITH TIME ZONE, "revoked_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_b1bd840641b8acbaad89c3d8d11" PRIMARY KEY ("id"))',
  'CREATE UNIQUE INDEX "uq_api_key_prefix" ON "api_key" ("prefix")',
  'CREATE INDEX "ix_api_key_tenant" ON "api_key" ("tenant_id")',
  'CREATE TABLE "audit_event" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tenant_id" uuid, "actor_type" character varying(16) NOT NULL, "actor_id" uuid, "actor_name" character varying(255) NOT NULL, "action" character varying(100) NOT NULL, "target_type" character varying(64), "target_id" character varying(64), "request_id" character varying(64), "before" text, "after" text, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_481efbe8b0a403efe3f47a6528f" PRIMARY KEY ("id"))',
  'CREATE INDEX "ix_audit_event_tenant_time" ON "audit_event" ("tenant_id", "created_at")',
  'CREATE TABLE "auth_session" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "tenant_id" uuid, "refresh_hash" character varying(128) NOT NULL, "client_ip" character varying(64), "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "revoked_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_19354ed146424a728c1112a8cbf" PRIMARY KEY ("id"))',
  'CREATE INDEX "ix_auth_session_user" ON "auth_session" ("user_id")',
  'CREATE TABLE "cloud" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" character varying(200) NOT NULL, "auth_url" character varying(1000) NOT NULL, "region" character varying(255), "domain_name" character varying(255) NOT NULL, "project_name" character varying(255) NOT NULL, "username" character varying(255) NOT NULL, "password_enc" character varying(1000) NOT NULL, "status" character varying(16) NOT NULL DEFAULT \'unknown\', "status_message" character varying(1000), "max_microversion" character varying(16), "last_checked_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_936339427a11bf6604e61cba645" PRIMARY KEY ("id"))',
  'CREATE UNIQUE INDEX "uq_cloud_name" ON "cloud" ("name")',
  'CREATE TABLE "desktop" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tenant_id" uuid NOT NULL, "pool_id" uuid NOT NULL, "name" character varying(64) NOT NULL, "seq" integer NOT NULL, "server_id" character varying(64), "addresses" text, "observed_power_state" character varying(16) NOT NULL DEFAULT \'unknown\', "desired_power_state" character varying(16) NOT NULL DEFAULT \'running\', "availability" character varying(16) NOT NULL DEFAULT \'provisioning\', "assigned_user_id" uuid, "session_state" character varying(16) NOT NULL DEFAULT \'none\', "last_error" character varying(2000), "out_of_service" boolean NOT NULL DEFAULT false, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_f922cf9536e7e79e5d06158c37a" PRIMARY KEY ("id"))',
  'CREATE INDEX "ix_desktop_server" ON "desktop" ("server_id")',
  'CREATE INDEX "ix_desktop_tenant_availability" ON "desktop" ("tenant_id", "availability")',
  'CREATE UNIQUE INDEX "uq_desktop_pool_seq" ON "desktop" ("tenant_id", "pool_id", "seq")',
  'CREATE TABLE "app_group" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tenant_id" uuid NOT NULL, "name" character varying(255) NOT NULL, "description" character varying(1000), "source" character varying(16) NOT NULL DEFAULT \'local\', "external_id" character varying(512), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_b72974aab110f0dd1ba0f358f9a" PRIMARY KEY ("id"))',
  'CREATE UNIQUE INDEX "uq_group_tenant_name" ON "app_group" ("tenant_id", "name")',
  'CREATE TABLE "group_membership" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tenant_id" uuid NOT NULL, "group_id" uuid NOT NULL, "user_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_b631623cf04fa74513b975e7059" PRIMARY KEY ("id"))',
  'CREATE INDEX "ix_group_membership_user" ON "group_membership" ("tenant_id", "user_id")',
  'CREATE UNIQUE INDEX "uq_group_membership" ON "group_membership" ("tenant_id", "group_id", "user_id")',
  'CREATE TABLE "job" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tenant_id" uuid, "name" character varying(100) NOT NULL, "payload" text NOT NULL, "status" character varying(16) NOT NULL DEFAULT \'queued\', "attempts" integer NOT NULL DEFAULT \'0\', "max_attempts" integer NOT NULL DEFAULT \'5\', "run_at" TIMESTAMP WITH TIME ZONE NOT NULL, "locked_by" character varying(100), "locked_until" TIMESTAMP WITH TIME ZONE, "last_error" character varying(4000), "dedupe_key" character varying(200), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_98ab1c14ff8d1cf80d18703b92f" PRIMARY KEY ("id"))',
  'CREATE UNIQUE INDEX "uq_job_dedupe" ON "job" ("dedupe_key") WHERE dedupe_key IS NOT NULL AND status IN (\'queued\', \'running\')',
  'CREATE INDEX "ix_job_claim" ON "job" ("status", "run_at")',
  'CREATE TABLE "lease" ("name" character varying(200) NOT NULL, "holder" character varying(100) NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "acquired_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_bbcb31cd0d6ea2f600b0f84717a" PRIMARY KEY ("name"))',
  'CREATE TABLE "pool" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tenant_id" uuid NOT NULL, "cloud_id" uuid NOT NULL, "name" character varying(200) NOT NULL, "description" character varying(1000), "image_ref" character varying(64) NOT NULL, "flavor_ref" character varying(64) NOT NULL, "network_ids" text NOT NULL, "security_groups" text NOT NULL, "boot_volume_gb" integer, "storage_policy" character varying(255), "availability_zone" character varying(255), "name_pattern" character varying(64) NOT NULL, "min_total" integer NOT NULL DEFAULT \'0\', "max_total" integer NOT NULL DEFAULT \'10\', "min_available" integer NOT NULL DEFAULT \'0\', "min_running" integer NOT NULL DEFAULT \'0\', "enforce_limits" boolean NOT NULL DEFAULT false, "status" character varying(16) NOT NULL DEFAULT \'active\', "status_reason" character varying(1000), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_db1bfe411e1516c01120b85f8fe" PRIMARY KEY ("id"))',
  'CREATE UNIQUE INDEX "uq_pool_tenant_name" ON "pool" ("tenant_id", "name")',
  'CREATE TABLE "role_binding" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tenant_id" uuid, "user_id" uuid, "group_id" uuid, "role" character varying(32) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_94c1497e2c1cb0e61f24d82d9e4" PRIMARY KEY ("id"))',
  'CREATE INDEX "ix_role_binding_group" ON "role_binding" ("tenant_id", "group_id")',
  'CREATE INDEX "ix_role_binding_user" ON "role_binding" ("tenant_id", "user_id")',
  'CREATE TABLE "tenant" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" character varying(200) NOT NULL, "slug" character varying(63) NOT NULL, "status" character varying(16) NOT NULL DEFAULT \'active\', "brand_color" character varying(7), "vhi_domain" character varying(255), "vhi_project" character varying(255), "max_desktops" integer, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_da8c6efd67bb301e810e56ac139" PRIMARY KEY ("id"))',
  'CREATE UNIQUE INDEX "uq_tenant_slug" ON "tenant" ("slug")',
  'CREATE TABLE "app_user" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tenant_id" uuid, "username" character varying(255) NOT NULL, "display_name" character varying(255), "email" character varying(320), "source" character varying(16) NOT NULL DEFAULT \'local\', "external_id" character varying(512), "password_hash" character varying(255), "disabled" boolean NOT NULL DEFAULT false, "last_login_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_22a5c4a3d9b2fb8e4e73fc4ada1" PRIMARY KEY ("id"))',
  'CREATE UNIQUE INDEX "uq_user_tenant_username" ON "app_user" ("tenant_id", "username") NULLS NOT DISTINCT',
];

const DOWN = [
  'DROP INDEX "public"."uq_user_tenant_username"',
  'DROP TABLE "app_user"',
  'DROP INDEX "public"."uq_tenant_slug"',
  'DROP TABLE "tenant"',
  'DROP INDEX "public"."ix_role_binding_user"',
  'DROP INDEX "public"."ix_role_binding_group"',
  'DROP TABLE "role_binding"',
  'DROP INDEX "public"."uq_pool_tenant_name"',
  'DROP TABLE "pool"',
  'DROP TABLE "lease"',
  'DROP INDEX "public"."ix_job_claim"',
  'DROP INDEX "public"."uq_job_dedupe"',
  'DROP TABLE "job"',
  'DROP INDEX "public"."uq_group_membership"',
  'DROP INDEX "public"."ix_group_membership_user"',
  'DROP TABLE "group_membership"',
  'DROP INDEX "public"."uq_group_tenant_name"',
  'DROP TABLE "app_group"',
  'DROP INDEX "public"."uq_desktop_pool_seq"',
  'DROP INDEX "public"."ix_desktop_tenant_availability"',
  'DROP INDEX "public"."ix_desktop_server"',
  'DROP TABLE "desktop"',
  'DROP INDEX "public"."uq_cloud_name"',
  'DROP TABLE "cloud"',
  'DROP INDEX "public"."ix_auth_session_user"',
  'DROP TABLE "auth_session"',
  'DROP INDEX "public"."ix_audit_event_tenant_time"',
  'DROP TABLE "audit_event"',
  'DROP INDEX "public"."ix_api_key_tenant"',
  'DROP INDEX "public"."uq_api_key_prefix"',
  'DROP TABLE "api_key"',
];
