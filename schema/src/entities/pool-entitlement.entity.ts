import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from "typeorm";
import type { OfferSortOrder, UserPowerAction } from "../enums/index.js";

/** How candidate desktops of a pool are ordered before the top N are offered. */

/** One pool inside a policy: how many desktops to offer, persistence, sort order and the plans that apply. */
@Entity("pool_entitlement")
@Index("uq_pool_entitlement_policy_pool", ["tenantId", "policyId", "poolId"], { unique: true })
@Index("ix_pool_entitlement_pool", ["tenantId", "poolId"])
export class PoolEntitlement {
  @PrimaryGeneratedColumn("uuid")
  id: string;

  @Column({ name: "tenant_id", type: "uuid" })
  tenantId: string;

  @Column({ name: "policy_id", type: "uuid" })
  policyId: string;

  @Column({ name: "pool_id", type: "uuid" })
  poolId: string;

  @Column({ type: "int", default: 0 })
  position: number;

  @Column({ name: "offer_count", type: "int", default: 1 })
  offerCount: number;

  /** Persistent: the desktop stays the user's after logout/disconnect; floating: it returns to the pool. */
  @Column({ default: false })
  persistent: boolean;

  @Column({ name: "sort_order", length: 24, default: "favor_previous" })
  sortOrder: OfferSortOrder;

  @Column({ name: "start_if_stopped", default: true })
  startIfStopped: boolean;

  @Column({ name: "user_power_actions", type: "simple-json" })
  userPowerActions: UserPowerAction[];

  @Column({ name: "protocol_plan_id", type: "uuid", nullable: true })
  protocolPlanId: string | null;

  @Column({ name: "power_plan_id", type: "uuid", nullable: true })
  powerPlanId: string | null;

  @Column({ name: "release_plan_id", type: "uuid", nullable: true })
  releasePlanId: string | null;

  @CreateDateColumn({ name: "created_at", precision: 3 })
  createdAt: Date;
}
