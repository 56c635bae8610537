import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from "typeorm";

/**
 * Sign-in policy of one tenant (or of the MSP staff when the tenant is null): MFA, throttling and lockout, and the
 * login host name that selects the tenant. A missing row means the defaults.
 */
@Entity("identity_settings")
@Index("ix_identity_settings_tenant", ["tenantId"])
@Index("uq_identity_settings_hostname", ["loginHostname"], { unique: true, where: "login_hostname IS NOT NULL" })
export class IdentitySettings {
  @PrimaryGeneratedColumn("uuid")
  id: string;

  @Column({ name: "tenant_id", type: "uuid", nullable: true })
  tenantId: string | null;

  @Column({ type: String, name: "login_hostname", length: 253, nullable: true })
  loginHostname: string | null;

  @Column({ name: "mfa_required", default: false })
  mfaRequired: boolean;

  /** RADIUS provider used as second factor (Duo/Okta/PingID proxies); null = TOTP only. */
  @Column({ name: "mfa_radius_provider_id", type: "uuid", nullable: true })
  mfaRadiusProviderId: string | null;

  @Column({ name: "user_failure_limit", type: "int", default: 5 })
  userFailureLimit: number;

  @Column({ name: "ip_failure_limit", type: "int", default: 20 })
  ipFailureLimit: number;

  @Column({ name: "failure_window_seconds", type: "int", default: 900 })
  failureWindowSeconds: number;

  @Column({ name: "lockout_seconds", type: "int", default: 900 })
  lockoutSeconds: number;

  @CreateDateColumn({ name: "created_at" })
  createdAt: Date;

  @UpdateDateColumn({ name: "updated_at" })
  updatedAt: Date;
}
