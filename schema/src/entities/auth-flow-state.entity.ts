import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from "typeorm";
import type { AuthFlowKind } from "../enums/index.js";

/**
 * Short-lived, single-use state of a sign-in in progress: a pending MFA challenge, an SSO ticket the portal
 * redeems for tokens, an outstanding SAML request or OIDC state, a consumed SAML assertion id. Looked up by the
 * hash of its key, so a database reader cannot replay it.
 */

@Entity("auth_flow_state")
@Index("uq_auth_flow_state_key", ["keyHash"], { unique: true })
@Index("ix_auth_flow_state_tenant", ["tenantId", "expiresAt"])
export class AuthFlowState {
  @PrimaryGeneratedColumn("uuid")
  id: string;

  @Column({ name: "tenant_id", type: "uuid", nullable: true })
  tenantId: string | null;

  @Column({ length: 32 })
  kind: AuthFlowKind;

  @Column({ name: "key_hash", length: 128 })
  keyHash: string;

  @Column({ name: "user_id", type: "uuid", nullable: true })
  userId: string | null;

  @Column({ name: "provider_id", type: "uuid", nullable: true })
  providerId: string | null;

  /** Flow data; secrets inside are sealed. */
  @Column({ type: "simple-json", nullable: true })
  data: Record<string, unknown> | null;

  @Column({ type: "int", default: 0 })
  attempts: number;

  @Column({ name: "expires_at" })
  expiresAt: Date;

  @Column({ name: "consumed_at", type: Date, nullable: true })
  consumedAt: Date | null;

  @CreateDateColumn({ name: "created_at" })
  createdAt: Date;
}
