import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from "typeorm";
import type { ActorType } from "../enums/index.js";

@Entity("audit_event")
@Index("ix_audit_event_tenant_time", ["tenantId", "createdAt"])
export class AuditEvent {
  @PrimaryGeneratedColumn("uuid")
  id: string;

  /** Tenant the action happened in; null for MSP-level actions. */
  @Column({ name: "tenant_id", type: "uuid", nullable: true })
  tenantId: string | null;

  @Column({ name: "actor_type", length: 16 })
  actorType: ActorType;

  @Column({ name: "actor_id", type: "uuid", nullable: true })
  actorId: string | null;

  @Column({ name: "actor_name", length: 255 })
  actorName: string;

  @Column({ length: 100 })
  action: string;

  @Column({ type: String, name: "target_type", length: 64, nullable: true })
  targetType: string | null;

  @Column({ type: String, name: "target_id", length: 64, nullable: true })
  targetId: string | null;

  @Column({ type: String, name: "request_id", length: 64, nullable: true })
  requestId: string | null;

  @Column({ type: "simple-json", nullable: true })
  before: Record<string, unknown> | null;

  @Column({ type: "simple-json", nullable: true })
  after: Record<string, unknown> | null;

  /** Millisecond precision, so the value a client sees is exactly the stored one (keyset paging on it). */
  @CreateDateColumn({ name: "created_at", precision: 3 })
  createdAt: Date;
}
