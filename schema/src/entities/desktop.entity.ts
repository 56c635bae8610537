import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from "typeorm";

export type PowerState = "unknown" | "building" | "running" | "stopped" | "suspended" | "shelved" | "error" | "deleted";
export type DesiredPowerState = "running" | "stopped" | "suspended" | "shelved" | "deleted";
export type DesktopAvailability = "provisioning" | "available" | "assigned" | "unavailable" | "deleting";

@Entity("desktop")
@Index("uq_desktop_pool_seq", ["tenantId", "poolId", "seq"], { unique: true })
@Index("ix_desktop_tenant_availability", ["tenantId", "availability"])
@Index("ix_desktop_server", ["serverId"])
export class Desktop {
  @PrimaryGeneratedColumn("uuid")
  id: string;

  @Column({ name: "tenant_id", type: "uuid" })
  tenantId: string;

  @Column({ name: "pool_id", type: "uuid" })
  poolId: string;

  @Column({ length: 64 })
  name: string;

  @Column({ type: "int" })
  seq: number;

  /** Nova server id once the create call has been accepted. */
  @Column({ type: String, name: "server_id", length: 64, nullable: true })
  serverId: string | null;

  @Column({ type: "simple-json", nullable: true })
  addresses: string[] | null;

  @Column({ name: "observed_power_state", length: 16, default: "unknown" })
  observedPowerState: PowerState;

  @Column({ name: "desired_power_state", length: 16, default: "running" })
  desiredPowerState: DesiredPowerState;

  @Column({ length: 16, default: "provisioning" })
  availability: DesktopAvailability;

  @Column({ name: "assigned_user_id", type: "uuid", nullable: true })
  assignedUserId: string | null;

  @Column({ name: "session_state", length: 16, default: "none" })
  sessionState: string;

  @Column({ type: String, name: "last_error", length: 2000, nullable: true })
  lastError: string | null;

  @Column({ name: "out_of_service", default: false })
  outOfService: boolean;

  @CreateDateColumn({ name: "created_at" })
  createdAt: Date;

  @UpdateDateColumn({ name: "updated_at" })
  updatedAt: Date;
}
