import { Column, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from "typeorm";

/** Failure counter of one sign-in key (a user name in a tenant, or a source IP) and its lockout. */
@Entity("login_throttle")
@Index("uq_login_throttle_key", ["throttleKey"], { unique: true })
@Index("ix_login_throttle_tenant", ["tenantId"])
export class LoginThrottle {
  @PrimaryGeneratedColumn("uuid")
  id: string;

  @Column({ name: "tenant_id", type: "uuid", nullable: true })
  tenantId: string | null;

  /** `user:<tenant or msp>:<name>`, or `ip:<address>` (one counter per address across tenants, tenant null). */
  @Column({ name: "throttle_key", length: 400 })
  throttleKey: string;

  @Column({ type: "int", default: 0 })
  failures: number;

  @Column({ name: "window_started_at" })
  windowStartedAt: Date;

  @Column({ name: "locked_until", type: Date, nullable: true })
  lockedUntil: Date | null;

  @UpdateDateColumn({ name: "updated_at" })
  updatedAt: Date;
}
