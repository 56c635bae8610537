import type { MigrationInterface, QueryRunner } from "typeorm";

/** Pools carry the sealed account the gateway signs in to their desktops with (SSH, RDP through guacd). */
export class DesktopLogin0008 implements MigrationInterface {
  name = "DesktopLogin1700000000008";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "pool" ADD "desktop_login" ntext');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "pool" DROP COLUMN "desktop_login"');
  }
}
