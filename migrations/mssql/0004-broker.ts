import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * SQL Server twin of postgres/0004. Broker: locations, policies with pool entitlements, protocol/power/release plans, assignment rules, access
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
  'CREATE TABLE "access_profile" ("id" uniqueidentifier NOT NULL CONSTRAINT "DF_access_profile_id" DEFAULT NEWSEQUENTIALID(), "tenant_id" uniqueidentifier NOT NULL, "user_id" uniqueidentifier NOT NULL, "identity_provider_id" uniqueidentifier, "groups" ntext NOT NULL, "attributes" ntext NOT NULL, "updated_at" datetime2 NOT NULL DEFAULT getdate(), CONSTRAINT "PK_190a724cde4235b989e7f11e37f" PRIMARY KEY ("id"))',
  'CREATE UNIQUE INDEX "uq_access_profile_user" ON "access_profile" ("tenant_id", "user_id")',
  'CREATE TABLE "assignment" ("id" uniqueidentifier NOT NULL CONSTRAINT "DF_assignment_id" DEFAULT NEWSEQUENTIALID(), "tenant_id" uniqueidentifier NOT NULL, "desktop_id" uniqueidentifier NOT NULL, "user_id" uniqueidentifier NOT NULL, "pool_id" uniqueidentifier NOT NULL, "policy_id" uniqueidentifier, "entitlement_id" uniqueidentifier, "persistent" bit NOT NULL DEFAULT 0, "origin" nvarchar(16) NOT NULL DEFAULT \'broker\', "assigned_at" datetime2(3) NOT NULL, "released_at" datetime2(3), "release_reason" nvarchar(32), CONSTRAINT "PK_43c2f5a3859f54cedafb270f37e" PRIMARY KEY ("id"))',
  'CREATE INDEX "ix_assignment_user_pool" ON "assignment" ("tenant_id", "user_id", "pool_id")',
  'CREATE INDEX "ix_assignment_desktop" ON "assignment" ("tenant_id", "desktop_id", "released_at")',
  'CREATE INDEX "ix_assignment_tenant_time" ON "assignment" ("tenant_id", "assigned_at")',
  'CREATE TABLE "assignment_rule" ("id" uniqueidentifier NOT NULL CONSTRAINT "DF_assignment_rule_id" DEFAULT NEWSEQUENTIALID(), "tenant_id" uniqueidentifier NOT NULL, "identity_provider_id" uniqueidentifier, "position" int NOT NULL, "description" nvarchar(1000), "condition" ntext NOT NULL, "outcome" ntext NOT NULL, "created_at" datetime2(3) NOT NULL DEFAULT getdate(), "updated_at" datetime2 NOT NULL DEFAULT getdate(), CONSTRAINT "PK_c4cc990e5e2382ac7eeec949b57" PRIMARY KEY ("id"))',
  'CREATE INDEX "ix_assignment_rule_provider" ON "assignment_rule" ("tenant_id", "identity_provider_id", "position")',
  'CREATE TABLE "connection_ticket" ("id" uniqueidentifier NOT NULL, "tenant_id" uniqueidentifier NOT NULL, "user_id" uniqueidentifier NOT NULL, "desktop_id" uniqueidentifier NOT NULL, "session_id" uniqueidentifier NOT NULL, "client_ip" nvarchar(64) NOT NULL, "protocol" nvarchar(16) NOT NULL, "expires_at" datetime2(3) NOT NULL, "consumed_at" datetime2(3), "created_at" datetime2(3) NOT NULL DEFAULT getdate(), CONSTRAINT "PK_73a3ae0d6a86b6ff3f39c6b195f" PRIMARY KEY ("id"))',
  'CREATE INDEX "ix_connection_ticket_tenant" ON "connection_ticket" ("tenant_id", "expires_at")',
  'CREATE TABLE "desktop_agent_token" ("id" uniqueidentifier NOT NULL CONSTRAINT "DF_desktop_agent_token_id" DEFAULT NEWSEQUENTIALID(), "tenant_id" uniqueidentifier NOT NULL, "desktop_id" uniqueidentifier NOT NULL, "token_hash" nvarchar(64) NOT NULL, "last_seen_at" datetime2, "created_at" datetime2 NOT NULL DEFAULT getdate(), CONSTRAINT "PK_e62d1bb9361baa54384d757a078" PRIMARY KEY ("id"))',
  'CREATE UNIQUE INDEX "uq_desktop_agent_token_desktop" ON "desktop_agent_token" ("tenant_id", "desktop_id")',
  'CREATE TABLE "desktop_session" ("id" uniqueidentifier NOT NULL CONSTRAINT "DF_desktop_session_id" DEFAULT NEWSEQUENTIALID(), "tenant_id" uniqueidentifier NOT NULL, "desktop_id" uniqueidentifier NOT NULL, "user_id" uniqueidentifier, "assignment_id" uniqueidentifier, "username" nvarchar(255) NOT NULL, "state" nvarchar(16) NOT NULL DEFAULT \'pending\', "rogue" bit NOT NULL DEFAULT 0, "protocol" nvarchar(16), "via_gateway" bit NOT NULL DEFAULT 0, "client_ip" nvarchar(64), "location_ids" ntext, "started_at" datetime2(3) NOT NULL, "last_event_at" datetime2(3), "ended_at" datetime2(3), "end_reason" nvarchar(32), CONSTRAINT "PK_ae7bf358e1c5a921a2e58335cc3" PRIMARY KEY ("id"))',
  'CREATE INDEX "ix_desktop_session_desktop" ON "desktop_session" ("tenant_id", "desktop_id", "state")',
  'CREATE INDEX "ix_desktop_session_tenant_time" ON "desktop_session" ("tenant_id", "started_at")',
  'CREATE TABLE "desktop_timer" ("id" uniqueidentifier NOT NULL CONSTRAINT "DF_desktop_timer_id" DEFAULT NEWSEQUENTIALID(), "tenant_id" uniqueidentifier NOT NULL, "desktop_id" uniqueidentifier NOT NULL, "assignment_id" uniqueidentifier, "kind" nvarchar(16) NOT NULL, "action" nvarchar(16) NOT NULL, "reason" nvarchar(16) NOT NULL, "due_at" datetime2(3) NOT NULL, "fired_at" datetime2(3), "cancelled_at" datetime2(3), "created_at" datetime2(3) NOT NULL DEFAULT getdate(), CONSTRAINT "PK_16d9b38e9348601ffa7d8f12244" PRIMARY KEY ("id"))',
  'CREATE INDEX "ix_desktop_timer_due" ON "desktop_timer" ("due_at")',
  'CREATE INDEX "ix_desktop_timer_desktop" ON "desktop_timer" ("tenant_id", "desktop_id")',
  'CREATE TABLE "location" ("id" uniqueidentifier NOT NULL CONSTRAINT "DF_location_id" DEFAULT NEWSEQUENTIALID(), "tenant_id" uniqueidentifier, "name" nvarchar(200) NOT NULL, "description" nvarchar(1000), "cidrs" ntext NOT NULL, "client_kinds" ntext NOT NULL, "via_gateway" nvarchar(8) NOT NULL DEFAULT \'any\', "time_windows" ntext NOT NULL, "created_at" datetime2(3) NOT NULL DEFAULT getdate(), "updated_at" datetime2 NOT NULL DEFAULT getdate(), CONSTRAINT "PK_876d7bdba03c72251ec4c2dc827" PRIMARY KEY ("id"))',
  'CREATE UNIQUE INDEX "uq_location_tenant_name" ON "location" ("tenant_id", "name")',
  'CREATE TABLE "policy" ("id" uniqueidentifier NOT NULL CONSTRAINT "DF_policy_id" DEFAULT NEWSEQUENTIALID(), "tenant_id" uniqueidentifier NOT NULL, "name" nvarchar(200) NOT NULL, "description" nvarchar(1000), "max_desktops" int, "rogue_action" nvarchar(16) NOT NULL DEFAULT \'log\', "created_at" datetime2(3) NOT NULL DEFAULT getdate(), "updated_at" datetime2 NOT NULL DEFAULT getdate(), CONSTRAINT "PK_9917b0c5e4286703cc656b1d39f" PRIMARY KEY ("id"))',
  'CREATE UNIQUE INDEX "uq_policy_tenant_name" ON "policy" ("tenant_id", "name")',
  'CREATE TABLE "pool_entitlement" ("id" uniqueidentifier NOT NULL CONSTRAINT "DF_pool_entitlement_id" DEFAULT NEWSEQUENTIALID(), "tenant_id" uniqueidentifier NOT NULL, "policy_id" uniqueidentifier NOT NULL, "pool_id" uniqueidentifier NOT NULL, "position" int NOT NULL DEFAULT \'0\', "offer_count" int NOT NULL DEFAULT \'1\', "persistent" bit NOT NULL DEFAULT 0, "sort_order" nvarchar(24) NOT NULL DEFAULT \'favor_previous\', "start_if_stopped" bit NOT NULL DEFAULT 1, "user_power_actions" ntext NOT NULL, "protocol_plan_id" uniqueidentifier, "power_plan_id" uniqueidentifier, "release_plan_id" uniqueidentifier, "created_at" datetime2(3) NOT NULL DEFAULT getdate(), CONSTRAINT "PK_b4533073003e9ed85ad527641bd" PRIMARY KEY ("id"))',
  'CREATE INDEX "ix_pool_entitlement_pool" ON "pool_entitlement" ("tenant_id", "pool_id")',
  'CREATE UNIQUE INDEX "uq_pool_entitlement_policy_pool" ON "pool_entitlement" ("tenant_id", "policy_id", "pool_id")',
  'CREATE TABLE "power_plan" ("id" uniqueidentifier NOT NULL CONSTRAINT "DF_power_plan_id" DEFAULT NEWSEQUENTIALID(), "tenant_id" uniqueidentifier NOT NULL, "name" nvarchar(200) NOT NULL, "on_disconnect" nvarchar(16) NOT NULL DEFAULT \'none\', "on_disconnect_minutes" int NOT NULL DEFAULT \'0\', "on_logout" nvarchar(16) NOT NULL DEFAULT \'none\', "on_logout_minutes" int NOT NULL DEFAULT \'0\', "on_release" nvarchar(16) NOT NULL DEFAULT \'none\', "on_release_minutes" int NOT NULL DEFAULT \'0\', "created_at" datetime2(3) NOT NULL DEFAULT getdate(), "updated_at" datetime2 NOT NULL DEFAULT getdate(), CONSTRAINT "PK_7c81dffbd2974a13238c67d111f" PRIMARY KEY ("id"))',
  'CREATE UNIQUE INDEX "uq_power_plan_tenant_name" ON "power_plan" ("tenant_id", "name")',
  'CREATE TABLE "protocol_plan" ("id" uniqueidentifier NOT NULL CONSTRAINT "DF_protocol_plan_id" DEFAULT NEWSEQUENTIALID(), "tenant_id" uniqueidentifier NOT NULL, "name" nvarchar(200) NOT NULL, "protocols" ntext NOT NULL, "created_at" datetime2(3) NOT NULL DEFAULT getdate(), "updated_at" datetime2 NOT NULL DEFAULT getdate(), CONSTRAINT "PK_0754638df9922119d8af08113be" PRIMARY KEY ("id"))',
  'CREATE UNIQUE INDEX "uq_protocol_plan_tenant_name" ON "protocol_plan" ("tenant_id", "name")',
  'CREATE TABLE "release_plan" ("id" uniqueidentifier NOT NULL CONSTRAINT "DF_release_plan_id" DEFAULT NEWSEQUENTIALID(), "tenant_id" uniqueidentifier NOT NULL, "name" nvarchar(200) NOT NULL, "release_after_disconnect_minutes" int, "release_after_logout_minutes" int, "keep_persistent" bit NOT NULL DEFAULT 1, "on_release" nvarchar(16) NOT NULL DEFAULT \'keep\', "created_at" datetime2(3) NOT NULL DEFAULT getdate(), "updated_at" datetime2 NOT NULL DEFAULT getdate(), CONSTRAINT "PK_9036f65d4f2d3b77dc857a1eb4a" PRIMARY KEY ("id"))',
  'CREATE UNIQUE INDEX "uq_release_plan_tenant_name" ON "release_plan" ("tenant_id", "name")',
];

const DOWN = [
  'DROP INDEX "uq_release_plan_tenant_name" ON "release_plan"',
  'DROP TABLE "release_plan"',
  'DROP INDEX "uq_protocol_plan_tenant_name" ON "protocol_plan"',
  'DROP TABLE "protocol_plan"',
  'DROP INDEX "uq_power_plan_tenant_name" ON "power_plan"',
  'DROP TABLE "power_plan"',
  'DROP INDEX "uq_pool_entitlement_policy_pool" ON "pool_entitlement"',
  'DROP INDEX "ix_pool_entitlement_pool" ON "pool_entitlement"',
  'DROP TABLE "pool_entitlement"',
  'DROP INDEX "uq_policy_tenant_name" ON "policy"',
  'DROP TABLE "policy"',
  'DROP INDEX "uq_location_tenant_name" ON "location"',
  'DROP TABLE "location"',
  'DROP INDEX "ix_desktop_timer_desktop" ON "desktop_timer"',
  'DROP INDEX "ix_desktop_timer_due" ON "desktop_timer"',
  'DROP TABLE "desktop_timer"',
  'DROP INDEX "ix_desktop_session_tenant_time" ON "desktop_session"',
  'DROP INDEX "ix_desktop_session_desktop" ON "desktop_session"',
  'DROP TABLE "desktop_session"',
  'DROP INDEX "uq_desktop_agent_token_desktop" ON "desktop_agent_token"',
  'DROP TABLE "desktop_agent_token"',
  'DROP INDEX "ix_connection_ticket_tenant" ON "connection_ticket"',
  'DROP TABLE "connection_ticket"',
  'DROP INDEX "ix_assignment_rule_provider" ON "assignment_rule"',
  'DROP TABLE "assignment_rule"',
  'DROP INDEX "ix_assignment_tenant_time" ON "assignment"',
  'DROP INDEX "ix_assignment_desktop" ON "assignment"',
  'DROP INDEX "ix_assignment_user_pool" ON "assignment"',
  'DROP TABLE "assignment"',
  'DROP INDEX "uq_access_profile_user" ON "access_profile"',
  'DROP TABLE "access_profile"',
];
