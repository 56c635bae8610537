import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from "typeorm";
import type { ProvisioningEventKind, ProvisioningEventLevel } from "../enums/index.js";

/**
 * What the pool controller did or saw (desktop created, fault, pool paused, orphan found…), newest first in the
 * portal. Faults within the restraint window are counted from here.
 */
@Entity("provisioning_event")
@Index("ix_provisioning_event_tenant_pool_time", ["tenantId", "poolId", "createdAt"])
export class ProvisioningEvent {
  @PrimaryGeneratedColumn("uuid")
  id: string;

  @Column({ name: "tenant_id", type: "uuid" })
  tenantId: string;

  @Column({ name: "pool_id", type: "uuid" })
  poolId: string;

  @Column({ name: "desktop_id", type: "uuid", nullable: true })
  desktopId: string | null;

  @Column({ length: 32 })
  kind: ProvisioningEventKind;

  @Column({ length: 8 })
  level: ProvisioningEventLevel;

  @Column({ length: 2000 })
  message: string;

  @CreateDateColumn({ name: "created_at", precision: 3 })
  createdAt: Date;
}
