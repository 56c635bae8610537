import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from "typeorm";

/** A signed-in session: the refresh token (hashed) that can mint new short-lived access tokens. */
@Entity("auth_session")
@Index("ix_auth_session_user", ["userId"])
export class AuthSession {
  @PrimaryGeneratedColumn("uuid")
  id: string;

  @Column({ name: "user_id", type: "uuid" })
  userId: string;

  @Column({ name: "tenant_id", type: "uuid", nullable: true })
  tenantId: string | null;

  @Column({ name: "refresh_hash", length: 128 })
  refreshHash: string;

  @Column({ type: String, name: "client_ip", length: 64, nullable: true })
  clientIp: string | null;

  @Column({ name: "expires_at" })
  expiresAt: Date;

  @Column({ name: "revoked_at", type: Date, nullable: true })
  revokedAt: Date | null;

  @CreateDateColumn({ name: "created_at" })
  createdAt: Date;
}
