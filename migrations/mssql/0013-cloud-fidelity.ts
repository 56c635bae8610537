import type { MigrationInterface, QueryRunner } from "typeorm";

/** SQL Server twin of postgres/0013: grow backoff on pools, the clouds granted to each tenant. */
export class CloudFidelity0013 implements MigrationInterface {
  name = "CloudFidelity1700000000013";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE "pool" ADD "grow_retries" int NOT NULL CONSTRAINT "DF_pool_grow_retries" DEFAULT 0',
    );
    await queryRunner.query('ALTER TABLE "pool" ADD "grow_retry_at" datetime2');
    await queryRunner.query(
      `ALTER TABLE "tenant" ADD "cloud_ids" ntext NOT NULL CONSTRAINT "DF_tenant_cloud_ids" DEFAULT '[]'`,
    );
    await queryRunner.query(`UPDATE "tenant" SET "cloud_ids" = coalesce((
      SELECT '[' + STRING_AGG('"' + lower(CAST("used"."cloud_id" AS nvarchar(36))) + '"', ',') + ']'
      FROM (SELECT DISTINCT "cloud_id" FROM "pool" WHERE "pool"."tenant_id" = "tenant"."id") AS "used"
    ), '[]')`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "tenant" DROP CONSTRAINT "DF_tenant_cloud_ids"');
    await queryRunner.query('ALTER TABLE "tenant" DROP COLUMN "cloud_ids"');
    await queryRunner.query('ALTER TABLE "pool" DROP COLUMN "grow_retry_at"');
    await queryRunner.query('ALTER TABLE "pool" DROP CONSTRAINT "DF_pool_grow_retries"');
    await queryRunner.query('ALTER TABLE "pool" DROP COLUMN "grow_retries"');
  }
}
