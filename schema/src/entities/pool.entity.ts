import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from "typeorm";

export type PoolStatus = "active" | "paused" | "draining";

@Entity("pool")
@Index("uq_pool_tenant_name", ["tenantId", "name"], { unique: true })
export class Pool {
  @PrimaryGeneratedColumn("uuid")
  id: string;

  @Column({ name: "tenant_id", type: "uuid" })
  tenantId: string;

  @Column({ name: "cloud_id", type: "uuid" })
  cloudId: string;

  @Column({ length: 200 })
  name: string;

  @Column({ type: String, length: 1000, nullable: true })
  description: string | null;

  /** Glance image id of the golden image. */
  @Column({ name: "image_ref", length: 64 })
  imageRef: string;

  @Column({ name: "flavor_ref", length: 64 })
  flavorRef: string;

  @Column({ name: "network_ids", type: "simple-json" })
  networkIds: string[];

  @Column({ name: "security_groups", type: "simple-json" })
  securityGroups: string[];

  @Column({ name: "boot_volume_gb", type: "int", nullable: true })
  bootVolumeGb: number | null;

  @Column({ type: String, name: "storage_policy", length: 255, nullable: true })
  storagePolicy: string | null;

  @Column({ type: String, name: "availability_zone", length: 255, nullable: true })
  availabilityZone: string | null;

  /** Desktop name pattern; `{SEQ}` (optionally `{SEQ:3}`), `{TENANT}` and `{POOL}` are replaced. */
  @Column({ name: "name_pattern", length: 64 })
  namePattern: string;

  @Column({ name: "min_total", type: "int", default: 0 })
  minTotal: number;

  @Column({ name: "max_total", type: "int", default: 10 })
  maxTotal: number;

  @Column({ name: "min_available", type: "int", default: 0 })
  minAvailable: number;

  @Column({ name: "min_running", type: "int", default: 0 })
  minRunning: number;

  /** Whether the controller may delete unassigned desktops above the desired size. */
  @Column({ name: "enforce_limits", default: false })
  enforceLimits: boolean;

  @Column({ length: 16, default: "active" })
  status: PoolStatus;

  @Column({ type: String, name: "status_reason", length: 1000, nullable: true })
  statusReason: string | null;

  @CreateDateColumn({ name: "created_at" })
  createdAt: Date;

  @UpdateDateColumn({ name: "updated_at" })
  updatedAt: Date;
}
