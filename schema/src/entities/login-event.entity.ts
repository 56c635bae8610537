import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from "typeorm";
import type { LoginMfa, LoginOutcome, LoginProviderKind } from "../enums/index.js";

/** One row per sign-in attempt (and per MFA step), successful or not. */
@Entity("login_event")
@Index("ix_login_event_tenant_time", ["tenantId", "createdAt"])
export class LoginEvent {
  @PrimaryGeneratedColumn("uuid")
  id: string;

  @Column({ name: "tenant_id", type: "uuid", nullable: true })
  tenantId: string | null;

  @Column({ name: "user_id", type: "uuid", nullable: true })
  userId: string | null;

  /** What was typed or asserted (never a password). */
  @Column({ length: 255 })
  username: string;

  @Column({ name: "client_ip", length: 64 })
  clientIp: string;

  @Column({ name: "provider_id", type: "uuid", nullable: true })
  providerId: string | null;

  /** local, ldap, saml, oidc, radius. */
  @Column({ name: "provider_kind", length: 16 })
  providerKind: LoginProviderKind;

  /** none, totp, recovery_code, radius. */
  @Column({ length: 16, default: "none" })
  mfa: LoginMfa;

  @Column({ length: 16 })
  outcome: LoginOutcome;

  @Column({ type: String, length: 500, nullable: true })
  reason: string | null;

  /** Names of the tenant's locations the client address fell in (comma-separated), for login reports. */
  @Column({ type: String, length: 500, nullable: true })
  location: string | null;

  @CreateDateColumn({ name: "created_at", precision: 3 })
  createdAt: Date;
}
