import type { MigrationInterface, QueryRunner } from "typeorm";

/** Gateway: one row per relayed connection (browser tunnel or native-client port forward) with bytes and duration. */
export class Gateway0005 implements MigrationInterface {
  // TypeORM orders migrations by the trailing 13-digit number; ours is 1700000000000 + the migration number.
  name = "Gateway1700000000005";

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const statement of UP) await queryRunner.query(statement);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const statement of DOWN) await queryRunner.query(statement);
  }
}

const UP = [
  'CREATE TABLE "gateway_tunnel" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tenant_id" uuid NOT NULL, "user_id" uuid NOT NULL, "desktop_id" uuid NOT NULL, "session_id" uuid, "ticket_id" uuid NOT NULL, "protocol" character varying(16) NOT NULL, "mode" character varying(16) NOT NULL, "node" character varying(100) NOT NULL, "client_ip" character varying(64) NOT NULL, "listen_port" integer, "bytes_in" bigint NOT NULL DEFAULT \'0\', "bytes_out" bigint NOT NULL DEFAULT \'0\', "opened_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "closed_at" TIMESTAMP(3) WITH TIME ZONE, "duration_ms" integer, "close_reason" character varying(32), CONSTRAINT "PK_4e8871861ee83100df5c65d581a" PRIMARY KEY ("id"))',
  'CREATE INDEX "ix_gateway_tunnel_session" ON "gateway_tunnel" ("tenant_id", "session_id")',
  'CREATE INDEX "ix_gateway_tunnel_user_open" ON "gateway_tunnel" ("tenant_id", "user_id", "closed_at")',
  'CREATE INDEX "ix_gateway_tunnel_tenant_time" ON "gateway_tunnel" ("tenant_id", "opened_at")',
];

const DOWN = [
  'DROP INDEX "public"."ix_gateway_tunnel_tenant_time"',
  'DROP INDEX "public"."ix_gateway_tunnel_user_open"',
  'DROP INDEX "public"."ix_gateway_tunnel_session"',
  'DROP TABLE "gateway_tunnel"',
];
