import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Broker: locations, policies with pool entitlements, protocol/power/release plans, assignment rules, access
 * profiles, assignments and desktop sessions (history), gateway tickets, desktop agent tokens and timers.
 */
export class Broker0004 implements MigrationInterface {
  // TypeORM orders migrations by the trailing 13-digit number; ours is 1700000000000 + the migration number.
  name = "Broker1700000000004";

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const statement of UP) await queryRunner.query(statement);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const statement of DOWN) await queryRunner.query(statement);
  }
}

const UP = [
  'CREATE TABLE "access_profile" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tenant_id" uuid NOT NULL, "user_id" uuid NOT NULL, "identity_provider_id" uuid, "groups" text NOT NULL, "attributes" text NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_190a724cde4235b989e7f11e37f" PRIMARY KEY ("id"))',
  'CREATE UNIQUE INDEX "uq_access_profile_user" ON "access_profile" ("tenant_id", "user_id")',
  'CREATE TABLE "assignment" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tenant_id" uuid NOT NULL, "desktop_id" uuid NOT NULL, "user_id" uuid NOT NULL, "pool_id" uuid NOT NULL, "policy_id" uuid, "entitlement_id" uuid, "persistent" boolean NOT NULL DEFAULT false, "origin" character varying(16) NOT NULL DEFAULT \'broker\', "assigned_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "released_at" TIMESTAMP(3) WITH TIME ZONE, "release_reason" character varying(32), CONSTRAINT "PK_43c2f5a3859f54cedafb270f37e" PRIMARY KEY ("id"))',
  'CREATE INDEX "ix_assignment_user_pool" ON "assignment" ("tenant_id", "user_id", "pool_id")',
  'CREATE INDEX "ix_assignment_desktop" ON "assignment" ("tenant_id", "desktop_id", "released_at")',
  'CREATE INDEX "ix_assignment_tenant_time" ON "assignment" ("tenant_id", "assigned_at")',
  'CREATE TABLE "assignment_rule" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tenant_id" uuid NOT NULL, "identity_provider_id" uuid, "position" integer NOT NULL, "description" character varying(1000), "condition" text NOT NULL, "outcome" text NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_c4cc990e5e2382ac7eeec949b57" PRIMARY KEY ("id"))',
  'CREATE INDEX "ix_assignment_rule_provider" ON "assignment_rule" ("tenant_id", "identity_provider_id", "position")',
  'CREATE TABLE "connection_ticket" ("id" uuid NOT NULL, "tenant_id" uuid NOT NULL, "user_id" uuid NOT NULL, "desktop_id" uuid NOT NULL, "session_id" uuid NOT NULL, "client_ip" character varying(64) NOT NULL, "protocol" character varying(16) NOT NULL, "expires_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "consumed_at" TIMESTAMP(3) WITH TIME ZONE, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_73a3ae0d6a86b6ff3f39c6b195f" PRIMARY KEY ("id"))',
  'CREATE INDEX "ix_connection_ticket_tenant" ON "connection_ticket" ("tenant_id", "expires_at")',
  'CREATE TABLE "desktop_agent_token" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tenant_id" uuid NOT NULL, "desktop_id" uuid NOT NULL, "token_hash" character varying(64) NOT NULL, "last_seen_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_e62d1bb9361baa54384d757a078" PRIMARY KEY ("id"))',
  'CREATE UNIQUE INDEX "uq_desktop_agent_token_desktop" ON "desktop_agent_token" ("tenant_id", "desktop_id")',
  'CREATE TABLE "desktop_session" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tenant_id" uuid NOT NULL, "desktop_id" uuid NOT NULL, "user_id" uuid, "assignment_id" uuid, "username" character varying(255) NOT NULL, "state" character varying(16) NOT NULL DEFAULT \'pending\', "rogue" boolean NOT NULL DEFAULT false, "protocol" character varying(16), "via_gateway" boolean NOT NULL DEFAULT false, "client_ip" character varying(64), "location_ids" text, "started_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "last_event_at" TIMESTAMP(3) WITH TIME ZONE, "ended_at" TIMESTAMP(3) WITH TIME ZONE, "end_reason" character varying(32), CONSTRAINT "PK_ae7bf358e1c5a921a2e58335cc3" PRIMARY KEY ("id"))',
  'CREATE INDEX "ix_desktop_session_desktop" ON "desktop_session" ("tenant_id", "desktop_id", "state")',
  'CREATE INDEX "ix_desktop_session_tenant_time" ON "desktop_session" ("tenant_id", "started_at")',
  'CREATE TABLE "desktop_timer" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tenant_id" uuid NOT NULL, "desktop_id" uuid NOT NULL, "assignment_id" uuid, "kind" character varying(16) NOT NULL, "action" character varying(16) NOT NULL, "reason" character varying(16) NOT NULL, "due_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "fired_at" TIMESTAMP(3) WITH TIME ZONE, "cancelled_at" TIMESTAMP(3) WITH TIME ZONE, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_16d9b38e9348601ffa7d8f12244" PRIMARY KEY ("id"))',
  'CREATE INDEX "ix_desktop_timer_due" ON "desktop_timer" ("due_at")',
  'CREATE INDEX "ix_desktop_timer_desktop" ON "desktop_timer" ("tenant_id", "desktop_id")',
  'CREATE TABLE "location" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tenant_id" uuid, "name" character varying(200) NOT NULL, "description" character varying(1000), "cidrs" text NOT NULL, "client_kinds" text NOT NULL, "via_gateway" character varying(8) NOT NULL DEFAULT \'any\', "time_windows" text NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_876d7bdba03c72251ec4c2dc827" PRIMARY KEY ("id"))',
  'CREATE UNIQUE INDEX "uq_location_tenant_name" ON "location" ("tenant_id", "name")',
  'CREATE TABLE "policy" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tenant_id" uuid NOT NULL, "name" character varying(200) NOT NULL, "description" character varying(1000), "max_desktops" integer, "rogue_action" character varying(16) NOT NULL DEFAULT \'log\', "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_9917b0c5e4286703cc656b1d39f" PRIMARY KEY ("id"))',
  'CREATE UNIQUE INDEX "uq_policy_tenant_name" ON "policy" ("tenant_id", "name")',
  'CREATE TABLE "pool_entitlement" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tenant_id" uuid NOT NULL, "policy_id" uuid NOT NULL, "pool_id" uuid NOT NULL, "position" integer NOT NULL DEFAULT \'0\', "offer_count" integer NOT NULL DEFAULT \'1\', "persistent" boolean NOT NULL DEFAULT false, "sort_order" character varying(24) NOT NULL DEFAULT \'favor_previous\', "start_if_stopped" boolean NOT NULL DEFAULT true, "user_power_actions" text NOT NULL, "protocol_plan_id" uuid, "power_plan_id" uuid, "release_plan_id" uuid, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_b4533073003e9ed85ad527641bd" PRIMARY KEY ("id"))',
  'CREATE INDEX "ix_pool_entitlement_pool" ON "pool_entitlement" ("tenant_id", "pool_id")',
  'CREATE UNIQUE INDEX "uq_pool_entitlement_policy_pool" ON "pool_entitlement" ("tenant_id", "policy_id", "pool_id")',
  'CREATE TABLE "power_plan" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tenant_id" uuid NOT NULL, "name" character varying(200) NOT NULL, "on_disconnect" character varying(16) NOT NULL DEFAULT \'none\', "on_disconnect_minutes" integer NOT NULL DEFAULT \'0\', "on_logout" character varying(16) NOT NULL DEFAULT \'none\', "on_logout_minutes" integer NOT NULL DEFAULT \'0\', "on_release" character varying(16) NOT NULL DEFAULT \'none\', "on_release_minutes" integer NOT NULL DEFAULT \'0\', "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_7c81dffbd2974a13238c67d111f" PRIMARY KEY ("id"))',
  'CREATE UNIQUE INDEX "uq_power_plan_tenant_name" ON "power_plan" ("tenant_id", "name")',
  'CREATE TABLE "protocol_plan" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tenant_id" uuid NOT NULL, "name" character varying(200) NOT NULL, "protocols" text NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_0754638df9922119d8af08113be" PRIMARY KEY ("id"))',
  'CREATE UNIQUE INDEX "uq_protocol_plan_tenant_name" ON "protocol_plan" ("tenant_id", "name")',
  'CREATE TABLE "release_plan" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tenant_id" uuid NOT NULL, "name" character varying(200) NOT NULL, "release_after_disconnect_minutes" integer, "release_after_logout_minutes" integer, "keep_persistent" boolean NOT NULL DEFAULT true, "on_release" character varying(16) NOT NULL DEFAULT \'keep\', "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_9036f65d4f2d3b77dc857a1eb4a" PRIMARY KEY ("id"))',
  'CREATE UNIQUE INDEX "uq_release_plan_tenant_name" ON "release_plan" ("tenant_id", "name")',
];

const DOWN = [
  'DROP INDEX "public"."uq_release_plan_tenant_name"',
  'DROP TABLE "release_plan"',
  'DROP INDEX "public"."uq_protocol_plan_tenant_name"',
  'DROP TABLE "protocol_plan"',
  'DROP INDEX "public"."uq_power_plan_tenant_name"',
  'DROP TABLE "power_plan"',
  'DROP INDEX "public"."uq_pool_entitlement_policy_pool"',
  'DROP INDEX "public"."ix_pool_entitlement_pool"',
  'DROP TABLE "pool_entitlement"',
  'DROP INDEX "public"."uq_policy_tenant_name"',
  'DROP TABLE "policy"',
  'DROP INDEX "public"."uq_location_tenant_name"',
  'DROP TABLE "location"',
  'DROP INDEX "public"."ix_desktop_timer_desktop"',
  'DROP INDEX "public"."ix_desktop_timer_due"',
  'DROP TABLE "desktop_timer"',
  'DROP INDEX "public"."ix_desktop_session_tenant_time"',
  'DROP INDEX "public"."ix_desktop_session_desktop"',
  'DROP TABLE "desktop_session"',
  'DROP INDEX "public"."uq_desktop_agent_token_desktop"',
  'DROP TABLE "desktop_agent_token"',
  'DROP INDEX "public"."ix_connection_ticket_tenant"',
  'DROP TABLE "connection_ticket"',
  'DROP INDEX "public"."ix_assignment_rule_provider"',
  'DROP TABLE "assignment_rule"',
  'DROP INDEX "public"."ix_assignment_tenant_time"',
  'DROP INDEX "public"."ix_assignment_desktop"',
  'DROP INDEX "public"."ix_assignment_user_pool"',
  'DROP TABLE "assignment"',
  'DROP INDEX "public"."uq_access_profile_user"',
  'DROP TABLE "access_profile"',
];
