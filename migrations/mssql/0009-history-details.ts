import type { MigrationInterface, QueryRunner } from "typeorm";

/** Report details the history lacked: where a sign-in came from, and how long the broker took to assign a desktop. */
export class HistoryDetails0009 implements MigrationInterface {
  name = "HistoryDetails1700000000009";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "login_event" ADD "location" nvarchar(500)');
    await queryRunner.query('ALTER TABLE "desktop_session" ADD "connect_ms" int');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "desktop_session" DROP COLUMN "connect_ms"');
    await queryRunner.query('ALTER TABLE "login_event" DROP COLUMN "location"');
  }
}
