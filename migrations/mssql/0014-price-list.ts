import type { MigrationInterface, QueryRunner } from "typeorm";
import { TENANT_TABLES_0014 } from "../src/row-level-security.js";

/**
 * Price lists (see the PostgreSQL form), added to the tenant-isolation security policy of 0012 with the same
 * filter and block predicates as every other tenant-owned table.
 */
export class PriceList0014 implements MigrationInterface {
  name = "PriceList1700000000014";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "price_list" ("id" uniqueidentifier NOT NULL CONSTRAINT "DF_price_list_id" DEFAULT NEWSEQUENTIALID(), "tenant_id" uniqueidentifier NOT NULL, "currency" nvarchar(3) NOT NULL, "desktop_hour" decimal(18,6), "vcpu_hour" decimal(18,6), "ram_gb_hour" decimal(18,6), "storage_gb_hour" decimal(18,6), "updated_at" datetime2 NOT NULL DEFAULT getdate(), CONSTRAINT "PK_52ea7826468b1c889cb2c28df03" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE UNIQUE INDEX "uq_price_list_tenant" ON "price_list" ("tenant_id")');
    const predicates = TENANT_TABLES_0014.flatMap((table) => [
      `ADD FILTER PREDICATE atrium_security.tenant_rows("tenant_id") ON dbo."${table}"`,
      `ADD BLOCK PREDICATE atrium_security.tenant_rows("tenant_id") ON dbo."${table}" AFTER INSERT`,
      `ADD BLOCK PREDICATE atrium_security.tenant_rows("tenant_id") ON dbo."${table}" AFTER UPDATE`,
    ]);
    await queryRunner.query(`ALTER SECURITY POLICY atrium_security.tenant_isolation ${predicates.join(", ")}`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const predicates = TENANT_TABLES_0014.flatMap((table) => [
      `DROP FILTER PREDICATE ON dbo."${table}"`,
      `DROP BLOCK PREDICATE ON dbo."${table}" AFTER INSERT`,
      `DROP BLOCK PREDICATE ON dbo."${table}" AFTER UPDATE`,
    ]);
    await queryRunner.query(`ALTER SECURITY POLICY atrium_security.tenant_isolation ${predicates.join(", ")}`);
    await queryRunner.query('DROP INDEX "uq_price_list_tenant" ON "price_list"');
    await queryRunner.query('DROP TABLE "price_list"');
  }
}
