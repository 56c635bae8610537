import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from "typeorm";
import type { ReleaseDisposition } from "../enums/index.js";

/** What happens to a non-persistent desktop once it is released: back to the pool, rebuilt, or deleted. */

/** When an assignment ends (N minutes after disconnect or logout) and what becomes of the desktop. */
@Entity("release_plan")
@Index("uq_release_plan_tenant_name", ["tenantId", "name"], { unique: true })
export class ReleasePlan {
  @PrimaryGeneratedColumn("uuid")
  id: string;

  @Column({ name: "tenant_id", type: "uuid" })
  tenantId: string;

  @Column({ length: 200 })
  name: string;

  /** Null: never released because of a disconnect. */
  @Column({ name: "release_after_disconnect_minutes", type: "int", nullable: true })
  releaseAfterDisconnectMinutes: number | null;

  /** Null: never released because of a logout. */
  @Column({ name: "release_after_logout_minutes", type: "int", nullable: true })
  releaseAfterLogoutMinutes: number | null;

  /** Persistent entitlements keep their desktop whatever the timers say (the user gets it back next time). */
  @Column({ name: "keep_persistent", default: true })
  keepPersistent: boolean;

  @Column({ name: "on_release", length: 16, default: "keep" })
  onRelease: ReleaseDisposition;

  @CreateDateColumn({ name: "created_at", precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ name: "updated_at" })
  updatedAt: Date;
}
