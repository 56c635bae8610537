import type { MigrationInterface, QueryRunner } from "typeorm";

// The same provider owner: a tenant's, or the MSP's (tenant null). Written without IS NOT DISTINCT FROM, which
// SQL Server before 2022 lacks.
const sameOwner = (a: string, b: string) =>
  `(${a}.tenant_id = ${b}.tenant_id OR (${a}.tenant_id IS NULL AND ${b}.tenant_id IS NULL))`;

/**
 * Links each account made by just-in-time provisioning to its provider when that is unambiguous: its owner has
 * exactly one provider of the account's kind. SAML and OIDC accounts already hold their subject (the NameID,
 * `issuer|sub`). An LDAP account holds only its DN, so its link carries the DN under a `legacy-dn:` prefix until
 * the next sign-in replaces it with the directory's objectGUID/entryUUID. Accounts of owners with several
 * providers of their kind stay unlinked here; their next sign-in links them when the directory's DN or the IdP's
 * subject is the one the account recorded.
 */
export async function linkLegacyAccounts(queryRunner: QueryRunner): Promise<void> {
  await queryRunner.query(`INSERT INTO "external_identity" ("tenant_id", "provider_id", "subject", "user_id", "linked_by")
    SELECT u.tenant_id, p.id, LEFT(CASE WHEN p.kind = 'ldap' THEN CONCAT('legacy-dn:', u.external_id) ELSE u.external_id END, 512), u.id, 'legacy'
    FROM "app_user" u JOIN "identity_provider" p ON ${sameOwner("p", "u")} AND p.kind = u.source
    WHERE u.source IN ('ldap', 'saml', 'oidc') AND u.external_id IS NOT NULL
      AND (SELECT COUNT(*) FROM "identity_provider" q WHERE ${sameOwner("q", "u")} AND q.kind = u.source) = 1`);
}

/**
 * Migration 0010 of either dialect: its own DDL, then the links above. Accounts are found by (provider, immutable
 * subject) from here on, no longer by user name.
 */
export abstract class ExternalIdentityMigration implements MigrationInterface {
  name = "ExternalIdentity1700000000010";

  constructor(
    private readonly upStatements: string[],
    private readonly downStatements: string[],
  ) {}

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const statement of this.upStatements) await queryRunner.query(statement);
    await linkLegacyAccounts(queryRunner);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const statement of this.downStatements) await queryRunner.query(statement);
  }
}
