import { ExternalIdentityMigration } from "../src/legacy-identity-links.js";

const UP = [
  'CREATE TABLE "external_identity" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tenant_id" uuid, "provider_id" uuid NOT NULL, "subject" character varying(512) NOT NULL, "user_id" uuid NOT NULL, "linked_by" character varying(16) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_390cd58fc7a0124d5fc815e99a3" PRIMARY KEY ("id"))',
  'CREATE INDEX "ix_external_identity_user" ON "external_identity" ("tenant_id", "user_id")',
  'CREATE UNIQUE INDEX "uq_external_identity_subject" ON "external_identity" ("provider_id", "subject")',
  'ALTER TABLE "identity_provider" ADD "account_link_rule" character varying(16) NOT NULL DEFAULT \'none\'',
];

const DOWN = [
  'ALTER TABLE "identity_provider" DROP COLUMN "account_link_rule"',
  'DROP INDEX "public"."uq_external_identity_subject"',
  'DROP INDEX "public"."ix_external_identity_user"',
  'DROP TABLE "external_identity"',
];

/** The external identity table and each provider's account link rule. */
export class ExternalIdentity0010 extends ExternalIdentityMigration {
  constructor() {
    super(UP, DOWN);
  }
}
