import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from "typeorm";
import type { ReportFormat, ReportKind, ReportPeriod } from "../enums/index.js";

/**
 * A report e-mailed after each period (the previous day, ISO week or month in `timeZone`) at `hour` local time.
 * Tenant null: an MSP-wide schedule over every tenant.
 */
@Entity("report_schedule")
@Index("ix_report_schedule_tenant", ["tenantId"])
export class ReportSchedule {
  @PrimaryGeneratedColumn("uuid")
  id: string;

  @Column({ name: "tenant_id", type: "uuid", nullable: true })
  tenantId: string | null;

  @Column({ length: 200 })
  name: string;

  @Column({ length: 32 })
  report: ReportKind;

  @Column({ type: "simple-json" })
  formats: ReportFormat[];

  @Column({ length: 16 })
  period: ReportPeriod;

  @Column({ name: "time_zone", length: 64 })
  timeZone: string;

  @Column({ type: "int" })
  hour: number;

  @Column({ type: "simple-json" })
  recipients: string[];

  @Column({ default: true })
  enabled: boolean;

  @CreateDateColumn({ name: "created_at" })
  createdAt: Date;

  @UpdateDateColumn({ name: "updated_at" })
  updatedAt: Date;
}
