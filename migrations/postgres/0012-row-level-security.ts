import type { MigrationInterface, QueryRunner } from "typeorm";
import { POSTGRES_OWNED_ROWS, TENANT_ROLE, TENANT_TABLES_0012 } from "../src/row-level-security.js";

/**
 * Row-level security as defence in depth behind the data door's own tenant predicate. The data door switches every
 * transaction to `atrium_tenant` (a role with no superuser, no ownership and no BYPASSRLS, so the policies hold even
 * when the API connects as a superuser, as the embedded database does) and sets the tenant there. The role is made
 * here when missing; a database user that may not create roles needs a DBA to create it (NOLOGIN) first.
 *
 * Not FORCE yet: the role switch, not FORCE, is what puts the door under the policies (FORCE binds only the owner).
 * A door statement outside a transaction still runs as the connecting user, which is often the owner; FORCE would
 * leave it reading nothing until every door statement runs in a transaction that sets the tenant.
 */
export class RowLevelSecurity0012 implements MigrationInterface {
  name = "RowLevelSecurity1700000000012";

  async up(queryRunner: QueryRunner): Promise<void> {
    // Roles belong to the server, not the database: several databases on one server migrate at once in CI.
    await queryRunner.query(`DO $$ BEGIN
      IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${TENANT_ROLE}') THEN
        CREATE ROLE ${TENANT_ROLE} NOLOGIN NOSUPERUSER NOBYPASSRLS;
      END IF;
    EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
    END $$`);
    await queryRunner.query(`DO $$ BEGIN
      IF NOT pg_has_role(current_user, '${TENANT_ROLE}', 'MEMBER') THEN
        EXECUTE format('GRANT ${TENANT_ROLE} TO %I', current_user);
      END IF;
    END $$`);
    await queryRunner.query(`GRANT USAGE ON SCHEMA public TO ${TENANT_ROLE}`);
    await queryRunner.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${TENANT_ROLE}`);
    await queryRunner.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${TENANT_ROLE}`);
    await queryRunner.query(
      `ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${TENANT_ROLE}`,
    );
    for (const table of TENANT_TABLES_0012) {
      await queryRunner.query(`ALTER TABLE "${table}" ENABLE ROW LEVEL SECURITY`);
      await queryRunner.query(
        `CREATE POLICY "tenant_isolation" ON "${table}" USING ${POSTGRES_OWNED_ROWS} WITH CHECK ${POSTGRES_OWNED_ROWS}`,
      );
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of TENANT_TABLES_0012) {
      await queryRunner.query(`DROP POLICY "tenant_isolation" ON "${table}"`);
      await queryRunner.query(`ALTER TABLE "${table}" DISABLE ROW LEVEL SECURITY`);
    }
    await queryRunner.query(
      `ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE SELECT, INSERT, UPDATE, DELETE ON TABLES FROM ${TENANT_ROLE}`,
    );
    await queryRunner.query(`REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM ${TENANT_ROLE}`);
    await queryRunner.query(`REVOKE ALL ON ALL TABLES IN SCHEMA public FROM ${TENANT_ROLE}`);
    await queryRunner.query(`REVOKE USAGE ON SCHEMA public FROM ${TENANT_ROLE}`);
  }
}
