import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from "typeorm";
import type { ReportDeliveryStatus } from "../enums/index.js";

/**
 * `pending` → `sending` → `sent`; a failed attempt goes to `retrying` and, after the last one, `failed`. A row found
 * in `sending` was interrupted mid-send: it is failed rather than resent, because the mail may have gone out.
 */

/** The delivery log, one row per schedule and period (`send now` uses its own period key), so no period is sent twice. */
@Entity("report_delivery")
@Index("uq_report_delivery_period", ["scheduleId", "periodKey"], { unique: true })
@Index("ix_report_delivery_tenant_time", ["tenantId", "createdAt"])
export class ReportDelivery {
  @PrimaryGeneratedColumn("uuid")
  id: string;

  @Column({ name: "tenant_id", type: "uuid", nullable: true })
  tenantId: string | null;

  @Column({ name: "schedule_id", type: "uuid" })
  scheduleId: string;

  /** `<periodStart ISO>` for scheduled runs, `now:<request id>` for "send now". */
  @Column({ name: "period_key", length: 100 })
  periodKey: string;

  @Column({ name: "period_start", precision: 3 })
  periodStart: Date;

  @Column({ name: "period_end", precision: 3 })
  periodEnd: Date;

  @Column({ length: 16 })
  status: ReportDeliveryStatus;

  @Column({ type: "int", default: 0 })
  attempts: number;

  @Column({ type: String, length: 2000, nullable: true })
  error: string | null;

  @Column({ type: String, name: "message_id", length: 255, nullable: true })
  messageId: string | null;

  @Column({ type: "simple-json" })
  recipients: string[];

  @CreateDateColumn({ name: "created_at", precision: 3 })
  createdAt: Date;

  @Column({ name: "finished_at", type: Date, precision: 3, nullable: true })
  finishedAt: Date | null;
}
