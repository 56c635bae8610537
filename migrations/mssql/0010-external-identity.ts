import { ExternalIdentityMigration } from "../src/legacy-identity-links.js";

const UP = [
  'CREATE TABLE "external_identity" ("id" uniqueidentifier NOT NULL CONSTRAINT "DF_external_identity_id" DEFAULT NEWSEQUENTIALID(), "tenant_id" uniqueidentifier, "provider_id" uniqueidentifier NOT NULL, "subject" nvarchar(512) NOT NULL, "user_id" uniqueidentifier NOT NULL, "linked_by" nvarchar(16) NOT NULL, "created_at" datetime2 NOT NULL DEFAULT getdate(), CONSTRAINT "PK_390cd58fc7a0124d5fc815e99a3" PRIMARY KEY ("id"))',
  'CREATE INDEX "ix_external_identity_user" ON "external_identity" ("tenant_id", "user_id")',
  'CREATE UNIQUE INDEX "uq_external_identity_subject" ON "external_identity" ("provider_id", "subject")',
  'ALTER TABLE "identity_provider" ADD "account_link_rule" nvarchar(16) NOT NULL CONSTRAINT "DF_identity_provider_account_link_rule" DEFAULT \'none\'',
];

const DOWN = [
  'ALTER TABLE "identity_provider" DROP CONSTRAINT "DF_identity_provider_account_link_rule"',
  'ALTER TABLE "identity_provider" DROP COLUMN "account_link_rule"',
  'DROP INDEX "uq_external_identity_subject" ON "external_identity"',
  'DROP INDEX "ix_external_identity_user" ON "external_identity"',
  'DROP TABLE "external_identity"',
];

/** SQL Server twin of postgres/0010. The external identity table and each provider's account link rule. */
export class ExternalIdentity0010 extends ExternalIdentityMigration {
  constructor() {
    super(UP, DOWN);
  }
}
