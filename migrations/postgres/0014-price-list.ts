import type { MigrationInterface, QueryRunner } from "typeorm";
import { POSTGRES_OWNED_ROWS, TENANT_TABLES_0014 } from "../src/row-level-security.js";

/**
 * Price lists: what the MSP charges each tenant per desktop-hour, vCPU-hour, RAM GB-hour and storage GB-hour, as exact
 * decimals in one currency. Tenant-owned, so under the same row-level-security policy as every other such table.
 */
export class PriceList0014 implements MigrationInterface {
  name = "PriceList1700000000014";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "price_list" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tenant_id" uuid NOT NULL, "currency" character varying(3) NOT NULL, "desktop_hour" numeric(18,6), "vcpu_hour" numeric(18,6), "ram_gb_hour" numeric(18,6), "storage_gb_hour" numeric(18,6), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_52ea7826468b1c889cb2c28df03" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE UNIQUE INDEX "uq_price_list_tenant" ON "price_list" ("tenant_id")');
    for (const table of TENANT_TABLES_0014) {
      await queryRunner.query(`ALTER TABLE "${table}" ENABLE ROW LEVEL SECURITY`);
      await queryRunner.query(
        `CREATE POLICY "tenant_isolation" ON "${table}" USING ${POSTGRES_OWNED_ROWS} WITH CHECK ${POSTGRES_OWNED_ROWS}`,
      );
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "public"."uq_price_list_tenant"');
    await queryRunner.query('DROP TABLE "price_list"');
  }
}
