import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from "typeorm";

/** A user's second factors: the sealed TOTP secret, hashed single-use recovery codes and the last TOTP step used. */
@Entity("user_mfa")
@Index("uq_user_mfa_user", ["tenantId", "userId"], { unique: true })
export class UserMfa {
  @PrimaryGeneratedColumn("uuid")
  id: string;

  @Column({ name: "tenant_id", type: "uuid", nullable: true })
  tenantId: string | null;

  @Column({ name: "user_id", type: "uuid" })
  userId: string;

  /** Confirmed secret; only this one is accepted at sign-in. */
  @Column({ type: String, name: "totp_secret_enc", length: 500, nullable: true })
  totpSecretEnc: string | null;

  /** Secret of an enrolment started but not yet confirmed with a code. */
  @Column({ type: String, name: "pending_secret_enc", length: 500, nullable: true })
  pendingSecretEnc: string | null;

  @Column({ name: "totp_enabled_at", type: Date, nullable: true })
  totpEnabledAt: Date | null;

  /** Time step of the last accepted code: a code of that step or earlier is a replay. */
  @Column({ name: "last_used_step", type: "int", nullable: true })
  lastUsedStep: number | null;

  @Column({ name: "recovery_code_hashes", type: "simple-json" })
  recoveryCodeHashes: string[];

  @CreateDateColumn({ name: "created_at" })
  createdAt: Date;

  @UpdateDateColumn({ name: "updated_at" })
  updatedAt: Date;
}
