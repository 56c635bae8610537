import type { MigrationInterface, QueryRunner } from "typeorm";

/** SQL Server twin of postgres/0016: the cloud a tenant was onboarded on is one it may build on. */
export class TenantCloudGrants0016 implements MigrationInterface {
  name = "TenantCloudGrants1700000000016";

  async up(queryRunner: QueryRunner): Promise<void> {
    // ntext takes no string functions: the list is read as nvarchar(max); ids are stored lower-case, as 0013 does.
    await queryRunner.query(`UPDATE "tenant" SET "cloud_ids" = CASE
      WHEN CAST("cloud_ids" AS nvarchar(max)) = '[]' THEN '["' + lower(CAST("cloud_id" AS nvarchar(36))) + '"]'
      ELSE LEFT(CAST("cloud_ids" AS nvarchar(max)), LEN(CAST("cloud_ids" AS nvarchar(max))) - 1)
        + ',"' + lower(CAST("cloud_id" AS nvarchar(36))) + '"]'
    END
    WHERE "cloud_id" IS NOT NULL
      AND CHARINDEX(lower(CAST("cloud_id" AS nvarchar(36))), lower(CAST("cloud_ids" AS nvarchar(max)))) = 0`);
  }

  async down(): Promise<void> {
    // The grants stay: taking a cloud away is the MSP's decision, and every grant here is one onboarding makes.
  }
}
