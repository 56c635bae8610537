import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Issue 14: a blocked pool's grow attempts back off (`grow_retries`, `grow_retry_at`), and each tenant builds only
 * on the clouds the MSP grants it (`tenant.cloud_ids`). Existing tenants keep the clouds their pools already use, so
 * no running pool loses its cloud; any other cloud must be granted by the MSP.
 */
export class CloudFidelity0013 implements MigrationInterface {
  name = "CloudFidelity1700000000013";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "pool" ADD "grow_retries" integer NOT NULL DEFAULT \'0\'');
    await queryRunner.query('ALTER TABLE "pool" ADD "grow_retry_at" TIMESTAMP WITH TIME ZONE');
    await queryRunner.query('ALTER TABLE "tenant" ADD "cloud_ids" text NOT NULL DEFAULT \'[]\'');
    await queryRunner.query(`UPDATE "tenant" SET "cloud_ids" = coalesce((
      SELECT json_agg(DISTINCT "pool"."cloud_id")::text FROM "pool" WHERE "pool"."tenant_id" = "tenant"."id"
    ), '[]')`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "tenant" DROP COLUMN "cloud_ids"');
    await queryRunner.query('ALTER TABLE "pool" DROP COLUMN "grow_retry_at"');
    await queryRunner.query('ALTER TABLE "pool" DROP COLUMN "grow_retries"');
  }
}
