import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from "typeorm";
import type { RogueLoginAction } from "../enums/index.js";

/** What happens when the agent reports a login the broker did not arrange (a "rogue" login). */

/** What a user is offered: the pools (entitlements) and the rules for rogue logins. One policy per user. */
@Entity("policy")
@Index("uq_policy_tenant_name", ["tenantId", "name"], { unique: true })
export class Policy {
  @PrimaryGeneratedColumn("uuid")
  id: string;

  @Column({ name: "tenant_id", type: "uuid" })
  tenantId: string;

  @Column({ length: 200 })
  name: string;

  @Column({ type: String, length: 1000, nullable: true })
  description: string | null;

  /** Most desktops one user may hold at once across the policy's pools; null = no limit. */
  @Column({ name: "max_desktops", type: "int", nullable: true })
  maxDesktops: number | null;

  @Column({ name: "rogue_action", length: 16, default: "log" })
  rogueAction: RogueLoginAction;

  @CreateDateColumn({ name: "created_at", precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ name: "updated_at" })
  updatedAt: Date;
}
