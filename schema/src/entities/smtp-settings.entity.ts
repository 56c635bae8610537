import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from "typeorm";
import type { SmtpTlsMode } from "../enums/index.js";

/** `none`: plain SMTP (relays on a trusted network); `starttls`: upgrade required; `tls`: implicit TLS (465). */

/**
 * Outgoing mail server for reports and alerts: the MSP's (tenant null), optionally overridden by one tenant. The
 * password is sealed with the installation secret and never leaves the API.
 */
@Entity("smtp_settings")
@Index("uq_smtp_settings_tenant", ["tenantId"], { unique: true })
export class SmtpSettings {
  @PrimaryGeneratedColumn("uuid")
  id: string;

  @Column({ name: "tenant_id", type: "uuid", nullable: true })
  tenantId: string | null;

  @Column({ length: 255 })
  host: string;

  @Column({ type: "int" })
  port: number;

  @Column({ name: "tls_mode", length: 16 })
  tlsMode: SmtpTlsMode;

  @Column({ type: String, length: 255, nullable: true })
  username: string | null;

  @Column({ type: String, name: "password_enc", length: 2000, nullable: true })
  passwordEnc: string | null;

  @Column({ name: "from_address", length: 320 })
  fromAddress: string;

  @CreateDateColumn({ name: "created_at" })
  createdAt: Date;

  @UpdateDateColumn({ name: "updated_at" })
  updatedAt: Date;
}
