import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from "typeorm";
import type { ApiKeyScope } from "../enums/index.js";

/**
 * A service account for integrations (billing systems). The secret is shown once; only its hash is kept.
 * A null tenant means the key acts MSP-wide.
 */
@Entity("api_key")
@Index("ix_api_key_tenant", ["tenantId"])
export class ApiKey {
  @PrimaryGeneratedColumn("uuid")
  id: string;

  @Column({ name: "tenant_id", type: "uuid", nullable: true })
  tenantId: string | null;

  @Column({ length: 200 })
  name: string;

  /** Public lookup part of the key (`atr_<prefix>_<secret>`), so verification hashes one candidate only. */
  @Index("uq_api_key_prefix", { unique: true })
  @Column({ length: 32 })
  prefix: string;

  @Column({ name: "secret_hash", length: 255 })
  secretHash: string;

  @Column({ type: "simple-json" })
  scopes: ApiKeyScope[];

  @Column({ name: "created_by", type: "uuid", nullable: true })
  createdBy: string | null;

  @Column({ name: "expires_at", type: Date, nullable: true })
  expiresAt: Date | null;

  @Column({ name: "last_used_at", type: Date, nullable: true })
  lastUsedAt: Date | null;

  @Column({ name: "revoked_at", type: Date, nullable: true })
  revokedAt: Date | null;

  @CreateDateColumn({ name: "created_at" })
  createdAt: Date;
}
