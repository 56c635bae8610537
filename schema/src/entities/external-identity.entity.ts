import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from "typeorm";
import type { ExternalIdentityLink } from "../enums/index.js";

/**
 * One account at one identity provider: the provider's immutable subject for the person (AD objectGUID, LDAP
 * entryUUID, SAML persistent NameID or chosen attribute, OIDC issuer and `sub`) linked to an Atrium user. Sign-in
 * finds the account through this row, never by user name, so a same-named person of another directory gets an
 * account of their own and a rename in the directory keeps the account.
 */
@Entity("external_identity")
@Index("uq_external_identity_subject", ["providerId", "subject"], { unique: true })
@Index("ix_external_identity_user", ["tenantId", "userId"])
export class ExternalIdentity {
  @PrimaryGeneratedColumn("uuid")
  id: string;

  /** The provider's tenant; null for the MSP staff's providers. */
  @Column({ name: "tenant_id", type: "uuid", nullable: true })
  tenantId: string | null;

  @Column({ name: "provider_id", type: "uuid" })
  providerId: string;

  @Column({ length: 512 })
  subject: string;

  @Column({ name: "user_id", type: "uuid" })
  userId: string;

  /** How the link came about, shown on the user's page. */
  @Column({ name: "linked_by", length: 16 })
  linkedBy: ExternalIdentityLink;

  @CreateDateColumn({ name: "created_at" })
  createdAt: Date;
}
