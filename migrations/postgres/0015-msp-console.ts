import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * The MSP console: a second factor required per staff account (new MSP staff get it by default), the cloud a tenant
 * was onboarded on, and the tenant's logo for its sign-in page, launcher, mails and reports.
 */
export class MspConsole0015 implements MigrationInterface {
  name = "MspConsole1700000000015";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "app_user" ADD "mfa_required" boolean NOT NULL DEFAULT false');
    await queryRunner.query('ALTER TABLE "tenant" ADD "cloud_id" uuid');
    await queryRunner.query('ALTER TABLE "tenant" ADD "logo" text');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "tenant" DROP COLUMN "logo"');
    await queryRunner.query('ALTER TABLE "tenant" DROP COLUMN "cloud_id"');
    await queryRunner.query('ALTER TABLE "app_user" DROP COLUMN "mfa_required"');
  }
}
