import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from "typeorm";
import type { DesktopTimerKind, DesktopTimerReason } from "../enums/index.js";

/**
 * A release or power action due at a time, written when the agent reports a disconnect/logout or a desktop is
 * released, cancelled when the user comes back. The worker fires each exactly once (conditional UPDATE on firedAt).
 */
@Entity("desktop_timer")
@Index("ix_desktop_timer_desktop", ["tenantId", "desktopId"])
// The sweep looks across tenants for due timers first, then works tenant by tenant.
@Index("ix_desktop_timer_due", ["dueAt"])
export class DesktopTimer {
  @PrimaryGeneratedColumn("uuid")
  id: string;

  @Column({ name: "tenant_id", type: "uuid" })
  tenantId: string;

  @Column({ name: "desktop_id", type: "uuid" })
  desktopId: string;

  @Column({ name: "assignment_id", type: "uuid", nullable: true })
  assignmentId: string | null;

  @Column({ length: 16 })
  kind: DesktopTimerKind;

  /** For power timers: suspend, stop or shelve; for release timers: release. */
  @Column({ length: 16 })
  action: string;

  @Column({ length: 16 })
  reason: DesktopTimerReason;

  @Column({ name: "due_at", precision: 3 })
  dueAt: Date;

  @Column({ name: "fired_at", type: Date, precision: 3, nullable: true })
  firedAt: Date | null;

  @Column({ name: "cancelled_at", type: Date, precision: 3, nullable: true })
  cancelledAt: Date | null;

  @CreateDateColumn({ name: "created_at", precision: 3 })
  createdAt: Date;
}
