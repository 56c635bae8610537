import type { MigrationInterface, QueryRunner } from "typeorm";
import { BYPASS_SETTING, MSP_OWNER, TENANT_SETTING, TENANT_TABLES_0012 } from "../src/row-level-security.js";

const context = (name: string, length: number) => `CAST(SESSION_CONTEXT(N'${name}') AS nvarchar(${length}))`;

/**
 * SQL Server's form of PostgreSQL's tenant policies: one predicate function over the session context the data door
 * sets per transaction (its own tenant's rows, the MSP's own rows when it acts for the MSP, every row when the
 * `acrossTenants` door set its reason), used as a filter (reads) and block (writes) predicate on every
 * tenant-owned table.
 *
 * Created with STATE = OFF: a security policy binds every user, the owner included, and a door statement outside a
 * transaction sets no context yet, so switching it on waits until every door statement runs in one that does.
 */
export class RowLevelSecurity0012 implements MigrationInterface {
  name = "RowLevelSecurity1700000000012";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE SCHEMA atrium_security");
    await queryRunner.query(
      "CREATE FUNCTION atrium_security.tenant_rows(@tenant_id uniqueidentifier) RETURNS TABLE WITH SCHEMABINDING AS " +
        `RETURN SELECT 1 AS allowed WHERE ISNULL(${context(BYPASS_SETTING, 400)}, N'') <> N'' ` +
        `OR @tenant_id = TRY_CAST(${context(TENANT_SETTING, 36)} AS uniqueidentifier) ` +
        `OR (@tenant_id IS NULL AND ${context(TENANT_SETTING, 36)} = N'${MSP_OWNER}')`,
    );
    const predicates = TENANT_TABLES_0012.flatMap((table) => [
      `ADD FILTER PREDICATE atrium_security.tenant_rows("tenant_id") ON dbo."${table}"`,
      `ADD BLOCK PREDICATE atrium_security.tenant_rows("tenant_id") ON dbo."${table}" AFTER INSERT`,
      `ADD BLOCK PREDICATE atrium_security.tenant_rows("tenant_id") ON dbo."${table}" AFTER UPDATE`,
    ]);
    await queryRunner.query(
      `CREATE SECURITY POLICY atrium_security.tenant_isolation ${predicates.join(", ")} WITH (STATE = OFF)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP SECURITY POLICY atrium_security.tenant_isolation");
    await queryRunner.query("DROP FUNCTION atrium_security.tenant_rows");
    await queryRunner.query("DROP SCHEMA atrium_security");
  }
}
