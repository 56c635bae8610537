import type { MigrationInterface, QueryRunner } from "typeorm";

/** Identity providers, sign-in policy, login events, MFA enrolments, throttling and sign-in flow state. */
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
  'CREATE TABLE "auth_flow_state" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tenant_id" uuid, "kind" character varying(32) NOT NULL, "key_hash" character varying(128) NOT NULL, "user_id" uuid, "provider_id" uuid, "data" text, "attempts" integer NOT NULL DEFAULT \'0\', "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "consumed_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_893e2a46cbad248a3a13ae44a8b" PRIMARY KEY ("id"))',
  'CREATE INDEX "ix_auth_flow_state_tenant" ON "auth_flow_state" ("tenant_id", "expires_at")',
  'CREATE UNIQUE INDEX "uq_auth_flow_state_key" ON "auth_flow_state" ("key_hash")',
  'CREATE TABLE "identity_provider" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tenant_id" uuid, "name" character varying(200) NOT NULL, "kind" character varying(16) NOT NULL, "enabled" boolean NOT NULL DEFAULT true, "priority" integer NOT NULL DEFAULT \'100\', "config" text NOT NULL, "secret_enc" character varying(2000), "group_role_mappings" text NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_5f038d63f2887fd0893ae4c5736" PRIMARY KEY ("id"))',
  'CREATE UNIQUE INDEX "uq_identity_provider_tenant_name" ON "identity_provider" ("tenant_id", "name") NULLS NOT DISTINCT',
  'CREATE TABLE "identity_settings" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tenant_id" uuid, "login_hostname" character varying(253), "mfa_required" boolean NOT NULL DEFAULT false, "mfa_radius_provider_id" uuid, "user_failure_limit" integer NOT NULL DEFAULT \'5\', "ip_failure_limit" integer NOT NULL DEFAULT \'20\', "failure_window_seconds" integer NOT NULL DEFAULT \'900\', "lockout_seconds" integer NOT NULL DEFAULT \'900\', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_940bf86f55bf16a68a4998e1dcf" PRIMARY KEY ("id"))',
  'CREATE UNIQUE INDEX "uq_identity_settings_hostname" ON "identity_settings" ("login_hostname") WHERE login_hostname IS NOT NULL',
  'CREATE INDEX "ix_identity_settings_tenant" ON "identity_settings" ("tenant_id")',
  'CREATE TABLE "login_event" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tenant_id" uuid, "user_id" uuid, "username" character varying(255) NOT NULL, "client_ip" character varying(64) NOT NULL, "provider_id" uuid, "provider_kind" character varying(16) NOT NULL, "mfa" character varying(16) NOT NULL DEFAULT \'none\', "outcome" character varying(16) NOT NULL, "reason" character varying(500), "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_770aa06c7f530d2cd55b235d599" PRIMARY KEY ("id"))',
  'CREATE INDEX "ix_login_event_tenant_time" ON "login_event" ("tenant_id", "created_at")',
  'CREATE TABLE "login_throttle" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tenant_id" uuid, "throttle_key" character varying(400) NOT NULL, "failures" integer NOT NULL DEFAULT \'0\', "window_started_at" TIMESTAMP WITH TIME ZONE NOT NULL, "locked_until" TIMESTAMP WITH TIME ZONE, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_be98b1c8b087e8c39dc5200701d" PRIMARY KEY ("id"))',
  'CREATE INDEX "ix_login_throttle_tenant" ON "login_throttle" ("tenant_id")',
  'CREATE UNIQUE INDEX "uq_login_throttle_key" ON "login_throttle" ("throttle_key")',
  'CREATE TABLE "user_mfa" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tenant_id" uuid, "user_id" uuid NOT NULL, "totp_secret_enc" character varying(500), "pending_secret_enc" character varying(500), "totp_enabled_at" TIMESTAMP WITH TIME ZONE, "last_used_step" integer, "recovery_code_hashes" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_7c15aa872d5f1498f2294dd2df8" PRIMARY KEY ("id"))',
  'CREATE UNIQUE INDEX "uq_user_mfa_user" ON "user_mfa" ("tenant_id", "user_id")',
];

const DOWN = [
  'DROP INDEX "public"."uq_user_mfa_user"',
  'DROP TABLE "user_mfa"',
  'DROP INDEX "public"."uq_login_throttle_key"',
  'DROP INDEX "public"."ix_login_throttle_tenant"',
  'DROP TABLE "login_throttle"',
  'DROP INDEX "public"."ix_login_event_tenant_time"',
  'DROP TABLE "login_event"',
  'DROP INDEX "public"."ix_identity_settings_tenant"',
  'DROP INDEX "public"."uq_identity_settings_hostname"',
  'DROP TABLE "identity_settings"',
  'DROP INDEX "public"."uq_identity_provider_tenant_name"',
  'DROP TABLE "identity_provider"',
  'DROP INDEX "public"."uq_auth_flow_state_key"',
  'DROP INDEX "public"."ix_auth_flow_state_tenant"',
  'DROP TABLE "auth_flow_state"',
];
