import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from "typeorm";
import type { ClientKind, LocationGatewayMode, Weekday } from "../enums/index.js";

/** "yes": only through our gateway, "no": only direct, "any": either. */

export interface LocationTimeWindow {
  days: Weekday[];
  start: string;
  end: string;
  timeZone: string;
}

/**
 * Where and how a client connects: CIDR ranges (v4/v6), client kinds, gateway or not, time windows. A null tenant
 * is an MSP-wide default every tenant sees unless it defines a location of the same name.
 */
@Entity("location")
@Index("uq_location_tenant_name", ["tenantId", "name"], { unique: true })
export class Location {
  @PrimaryGeneratedColumn("uuid")
  id: string;

  @Column({ name: "tenant_id", type: "uuid", nullable: true })
  tenantId: string | null;

  @Column({ length: 200 })
  name: string;

  @Column({ type: String, length: 1000, nullable: true })
  description: string | null;

  @Column({ type: "simple-json" })
  cidrs: string[];

  @Column({ name: "client_kinds", type: "simple-json" })
  clientKinds: ClientKind[];

  @Column({ name: "via_gateway", length: 8, default: "any" })
  viaGateway: LocationGatewayMode;

  @Column({ name: "time_windows", type: "simple-json" })
  timeWindows: LocationTimeWindow[];

  @CreateDateColumn({ name: "created_at", precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ name: "updated_at" })
  updatedAt: Date;
}
