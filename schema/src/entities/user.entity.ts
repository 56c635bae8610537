import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from "typeorm";
import type { UserSource } from "../enums/index.js";

/** A person: MSP staff when `tenantId` is null, otherwise a member of that tenant. */
@Entity("app_user")
@Index("uq_user_tenant_username", ["tenantId", "username"], { unique: true })
export class User {
  @PrimaryGeneratedColumn("uuid")
  id: string;

  @Column({ name: "tenant_id", type: "uuid", nullable: true })
  tenantId: string | null;

  @Column({ length: 255 })
  username: string;

  @Column({ type: String, name: "display_name", length: 255, nullable: true })
  displayName: string | null;

  @Column({ type: String, length: 320, nullable: true })
  email: string | null;

  @Column({ length: 16, default: "local" })
  source: UserSource;

  @Column({ type: String, name: "external_id", length: 512, nullable: true })
  externalId: string | null;

  @Column({ type: String, name: "password_hash", length: 255, nullable: true })
  passwordHash: string | null;

  @Column({ default: false })
  disabled: boolean;

  /** A second factor is required whatever the sign-in policy says; MSP staff created in the portal start with it. */
  @Column({ name: "mfa_required", default: false })
  mfaRequired: boolean;

  @Column({ name: "last_login_at", type: Date, nullable: true })
  lastLoginAt: Date | null;

  @CreateDateColumn({ name: "created_at" })
  createdAt: Date;

  @UpdateDateColumn({ name: "updated_at" })
  updatedAt: Date;
}
