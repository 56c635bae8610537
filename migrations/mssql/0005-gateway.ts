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
  'CREATE TABLE "gateway_tunnel" ("id" uniqueidentifier NOT NULL CONSTRAINT "DF_gateway_tunnel_id" DEFAULT NEWSEQUENTIALID(), "tenant_id" uniqueidentifier NOT NULL, "user_id" uniqueidentifier NOT NULL, "desktop_id" uniqueidentifier NOT NULL, "session_id" uniqueidentifier, "ticket_id" uniqueidentifier NOT NULL, "protocol" nvarchar(16) NOT NULL, "mode" nvarchar(16) NOT NULL, "node" nvarchar(100) NOT NULL, "client_ip" nvarchar(64) NOT NULL, "listen_port" int, "bytes_in" bigint NOT NULL DEFAULT 0, "bytes_out" bigint NOT NULL DEFAULT 0, "opened_at" datetime2(3) NOT NULL, "closed_at" datetime2(3), "duration_ms" int, "close_reason" nvarchar(32), CONSTRAINT "PK_4e8871861ee83100df5c65d581a" PRIMARY KEY ("id"))',
  'CREATE INDEX "ix_gateway_tunnel_session" ON "gateway_tunnel" ("tenant_id", "session_id")',
  'CREATE INDEX "ix_gateway_tunnel_user_open" ON "gateway_tunnel" ("tenant_id", "user_id", "closed_at")',
  'CREATE INDEX "ix_gateway_tunnel_tenant_time" ON "gateway_tunnel" ("tenant_id", "opened_at")',
];

const DOWN = [
  'DROP INDEX "ix_gateway_tunnel_tenant_time" ON "gateway_tunnel"',
  'DROP INDEX "ix_gateway_tunnel_user_open" ON "gateway_tunnel"',
  'DROP INDEX "ix_gateway_tunnel_session" ON "gateway_tunnel"',
  'DROP TABLE "gateway_tunnel"',
];
