import { Column, Entity, Index, PrimaryGeneratedColumn } from "typeorm";
import type { AlertStatus } from "../enums/index.js";

/**
 * One raised alert of a rule for one subject (a pool, a cloud, a schedule…). The partial unique index keeps at most
 * one open alert per rule and subject, so two evaluators racing cannot raise (and mail) it twice.
 */
@Entity("alert_state")
@Index("uq_alert_state_open", ["ruleId", "subject"], { unique: true, where: "status = 'open'" })
@Index("ix_alert_state_tenant_time", ["tenantId", "openedAt"])
export class AlertState {
  @PrimaryGeneratedColumn("uuid")
  id: string;

  @Column({ name: "tenant_id", type: "uuid", nullable: true })
  tenantId: string | null;

  @Column({ name: "rule_id", type: "uuid" })
  ruleId: string;

  @Column({ length: 100 })
  subject: string;

  @Column({ name: "subject_label", length: 255 })
  subjectLabel: string;

  @Column({ length: 16 })
  status: AlertStatus;

  @Column({ length: 1000 })
  message: string;

  @Column({ name: "opened_at", precision: 3 })
  openedAt: Date;

  @Column({ name: "resolved_at", type: Date, precision: 3, nullable: true })
  resolvedAt: Date | null;

  @Column({ name: "opened_notified_at", type: Date, precision: 3, nullable: true })
  openedNotifiedAt: Date | null;

  @Column({ name: "resolved_notified_at", type: Date, precision: 3, nullable: true })
  resolvedNotifiedAt: Date | null;
}
