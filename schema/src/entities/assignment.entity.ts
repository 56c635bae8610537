import { Column, Entity, Index, PrimaryGeneratedColumn } from "typeorm";
import type { AssignmentOrigin, ReleaseReason } from "../enums/index.js";

/** One row per time a desktop was given to a user; open while `releasedAt` is null. History for reports. */
@Entity("assignment")
@Index("ix_assignment_tenant_time", ["tenantId", "assignedAt"])
@Index("ix_assignment_desktop", ["tenantId", "desktopId", "releasedAt"])
@Index("ix_assignment_user_pool", ["tenantId", "userId", "poolId"])
// Usage metering finds the assignments that overlap an hour by their end (recent or still open).
@Index("ix_assignment_tenant_released", ["tenantId", "releasedAt"])
export class Assignment {
  @PrimaryGeneratedColumn("uuid")
  id: string;

  @Column({ name: "tenant_id", type: "uuid" })
  tenantId: string;

  @Column({ name: "desktop_id", type: "uuid" })
  desktopId: string;

  @Column({ name: "user_id", type: "uuid" })
  userId: string;

  @Column({ name: "pool_id", type: "uuid" })
  poolId: string;

  @Column({ name: "policy_id", type: "uuid", nullable: true })
  policyId: string | null;

  @Column({ name: "entitlement_id", type: "uuid", nullable: true })
  entitlementId: string | null;

  @Column({ default: false })
  persistent: boolean;

  @Column({ length: 16, default: "broker" })
  origin: AssignmentOrigin;

  @Column({ name: "assigned_at", precision: 3 })
  assignedAt: Date;

  @Column({ name: "released_at", type: Date, precision: 3, nullable: true })
  releasedAt: Date | null;

  @Column({ type: String, name: "release_reason", length: 32, nullable: true })
  releaseReason: ReleaseReason | null;
}
