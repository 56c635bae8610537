import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from "typeorm";
import type { DisplayProtocol, GatewayUsage } from "../enums/index.js";

/** never: always direct; always: always through the gateway; when_required: only when the location demands it. */

export interface ProtocolSetting {
  protocol: DisplayProtocol;
  /** Lower is preferred. */
  priority: number;
  port: number | null;
  gateway: GatewayUsage;
  /** Extra `.rdp` file lines (RDP only), e.g. `audiomode:i:0`. */
  rdpOptions: string[];
}

/** Which display protocols to use, in which order, and whether through the gateway. */
@Entity("protocol_plan")
@Index("uq_protocol_plan_tenant_name", ["tenantId", "name"], { unique: true })
export class ProtocolPlan {
  @PrimaryGeneratedColumn("uuid")
  id: string;

  @Column({ name: "tenant_id", type: "uuid" })
  tenantId: string;

  @Column({ length: 200 })
  name: string;

  @Column({ type: "simple-json" })
  protocols: ProtocolSetting[];

  @CreateDateColumn({ name: "created_at", precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ name: "updated_at" })
  updatedAt: Date;
}
