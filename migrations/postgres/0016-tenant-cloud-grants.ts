import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Issue 14: a tenant builds only on the clouds in `tenant.cloud_ids`. 0013 granted the clouds a tenant's pools use;
 * a tenant onboarded on a cloud (`cloud_id`, 0015) without a pool yet would have lost the cloud its project lives on,
 * so that cloud is granted too, as onboarding now does.
 */
export class TenantCloudGrants0016 implements MigrationInterface {
  name = "TenantCloudGrants1700000000016";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`UPDATE "tenant" SET "cloud_ids" = (
      SELECT json_agg(DISTINCT "grants"."cloud_id")::text FROM (
        SELECT json_array_elements_text("tenant"."cloud_ids"::json) AS "cloud_id"
        UNION SELECT "tenant"."cloud_id"::text
      ) AS "grants"
    ) WHERE "cloud_id" IS NOT NULL`);
  }

  async down(): Promise<void> {
    // The grants stay: taking a cloud away is the MSP's decision, and every grant here is one onboarding makes.
  }
}
