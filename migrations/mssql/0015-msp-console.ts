import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * The MSP console: a second factor required per staff account (new MSP staff get it by default), the cloud a tenant
 * was onboarded on, and the tenant's logo for its sign-in page, launcher, mails and reports.
 */
export class MspConsole0015 implements MigrationInterface {
  name = "MspConsole1700000000015";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE "app_user" ADD "mfa_required" bit NOT NULL CONSTRAINT "DF_app_user_mfa_required" DEFAULT 0',
    );
    await queryRunner.query('ALTER TABLE "tenant" ADD "cloud_id" uniqueidentifier');
    await queryRunner.query('ALTER TABLE "tenant" ADD "logo" ntext');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "tenant" DROP COLUMN "logo"');
    await queryRunner.query('ALTER TABLE "tenant" DROP COLUMN "cloud_id"');
    await queryRunner.query('ALTER TABLE "app_user" DROP CONSTRAINT "DF_app_user_mfa_required"');
    await queryRunner.query('ALTER TABLE "app_user" DROP COLUMN "mfa_required"');
  }
}
