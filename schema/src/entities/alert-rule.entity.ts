import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from "typeorm";
import type { AlertKind } from "../enums/index.js";

/** A condition watched by the alert evaluator; tenant null watches every tenant (MSP recipients). */
@Entity("alert_rule")
@Index("ix_alert_rule_tenant", ["tenantId"])
export class AlertRule {
  @PrimaryGeneratedColumn("uuid")
  id: string;

  @Column({ name: "tenant_id", type: "uuid", nullable: true })
  tenantId: string | null;

  @Column({ length: 200 })
  name: string;

  @Column({ length: 32 })
  kind: AlertKind;

  /** N for POOL_AVAILABLE_BELOW and FAILED_LOGIN_SPIKE, a percentage for QUOTA_ABOVE. */
  @Column({ type: "int", nullable: true })
  threshold: number | null;

  /** M minutes for FAILED_LOGIN_SPIKE. */
  @Column({ name: "window_minutes", type: "int", nullable: true })
  windowMinutes: number | null;

  @Column({ type: "simple-json" })
  recipients: string[];

  /** At most this many alert e-mails per hour for the rule; the rest wait for the next evaluation. */
  @Column({ name: "max_emails_per_hour", type: "int", default: 10 })
  maxEmailsPerHour: number;

  @Column({ default: true })
  enabled: boolean;

  @CreateDateColumn({ name: "created_at" })
  createdAt: Date;

  @UpdateDateColumn({ name: "updated_at" })
  updatedAt: Date;
}
