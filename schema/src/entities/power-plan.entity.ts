import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from "typeorm";
import type { PlanPowerAction } from "../enums/index.js";

/** Power action N minutes after the user disconnects, logs out, or the desktop is released. */
@Entity("power_plan")
@Index("uq_power_plan_tenant_name", ["tenantId", "name"], { unique: true })
export class PowerPlan {
  @PrimaryGeneratedColumn("uuid")
  id: string;

  @Column({ name: "tenant_id", type: "uuid" })
  tenantId: string;

  @Column({ length: 200 })
  name: string;

  @Column({ name: "on_disconnect", length: 16, default: "none" })
  onDisconnect: PlanPowerAction;

  @Column({ name: "on_disconnect_minutes", type: "int", default: 0 })
  onDisconnectMinutes: number;

  @Column({ name: "on_logout", length: 16, default: "none" })
  onLogout: PlanPowerAction;

  @Column({ name: "on_logout_minutes", type: "int", default: 0 })
  onLogoutMinutes: number;

  @Column({ name: "on_release", length: 16, default: "none" })
  onRelease: PlanPowerAction;

  @Column({ name: "on_release_minutes", type: "int", default: 0 })
  onReleaseMinutes: number;

  @CreateDateColumn({ name: "created_at", precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ name: "updated_at" })
  updatedAt: Date;
}
