import { Column, Entity, Index, PrimaryGeneratedColumn } from "typeorm";
import type { PowerState } from "../enums/index.js";

/**
 * Append-only power history: one row per stretch of time a desktop's server spent in one observed power state, with
 * the size it had then. Metering reads it (not the live desktop row), so deleted desktops and resized flavors still
 * bill correctly, and re-metering an hour always sees the same facts. The open stretch has no end yet; the partial
 * unique index keeps at most one open per desktop. Metering finds stretches by their end (recent or still open), so
 * old history is never scanned.
 */
@Entity("desktop_power_interval")
@Index("ix_desktop_power_interval_tenant_end", ["tenantId", "endedAt"])
@Index("ix_desktop_power_interval_pool_open", ["tenantId", "poolId"], { where: "ended_at IS NULL" })
@Index("uq_desktop_power_interval_open", ["desktopId"], { unique: true, where: "ended_at IS NULL" })
export class DesktopPowerInterval {
  @PrimaryGeneratedColumn("uuid")
  id: string;

  @Column({ name: "tenant_id", type: "uuid" })
  tenantId: string;

  /** No foreign key: the history outlives the desktop row. */
  @Column({ name: "desktop_id", type: "uuid" })
  desktopId: string;

  @Column({ name: "pool_id", type: "uuid" })
  poolId: string;

  @Column({ name: "power_state", length: 16 })
  powerState: PowerState;

  @Column({ name: "flavor_ref", length: 64 })
  flavorRef: string;

  @Column({ type: "int" })
  vcpus: number;

  @Column({ name: "ram_mb", type: "int" })
  ramMb: number;

  @Column({ name: "storage_gb", type: "int" })
  storageGb: number;

  @Column({ name: "started_at", type: Date, precision: 3 })
  startedAt: Date;

  @Column({ name: "ended_at", type: Date, precision: 3, nullable: true })
  endedAt: Date | null;
}
