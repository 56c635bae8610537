import { Column, Entity, Index, PrimaryGeneratedColumn, type ValueTransformer } from "typeorm";

export const USAGE_DECIMAL_SCALE = 6;

/** PostgreSQL returns numeric as text, SQL Server as a number; both leave as a fixed-point decimal string. */
export const decimalText: ValueTransformer = {
  to: (value: string | null) => value,
  from: (value: string | number | null) =>
    value === null || value === undefined
      ? value
      : typeof value === "number"
        ? value.toFixed(USAGE_DECIMAL_SCALE)
        : value,
};

const quantity = (name: string) =>
  Column({ name, type: "decimal", precision: 18, scale: USAGE_DECIMAL_SCALE, transformer: decimalText });

/**
 * Metered usage of one UTC hour, per tenant, pool, flavor and user (null: time no user held the desktop). Quantities
 * are exact decimals (never floats): billing sums them. Metering replaces an hour's rows as a whole, and the two
 * partial unique indexes (user / no user, since NULLs never collide in a unique index) make a double count
 * impossible even if two meters raced.
 */
@Entity("usage_record")
@Index("uq_usage_record_user", ["tenantId", "hourStart", "poolId", "flavorRef", "userId"], {
  unique: true,
  where: "user_id IS NOT NULL",
})
@Index("uq_usage_record_unassigned", ["tenantId", "hourStart", "poolId", "flavorRef"], {
  unique: true,
  where: "user_id IS NULL",
})
@Index("ix_usage_record_hour", ["hourStart"])
export class UsageRecord {
  @PrimaryGeneratedColumn("uuid")
  id: string;

  @Column({ name: "tenant_id", type: "uuid" })
  tenantId: string;

  /** Start of the UTC hour. */
  @Column({ name: "hour_start", type: Date, precision: 3 })
  hourStart: Date;

  /** No foreign key: usage outlives a drained pool. */
  @Column({ name: "pool_id", type: "uuid" })
  poolId: string;

  /** The pool's name when the hour was metered. */
  @Column({ name: "pool_name", length: 200 })
  poolName: string;

  @Column({ name: "flavor_ref", length: 64 })
  flavorRef: string;

  @Column({ name: "user_id", type: "uuid", nullable: true })
  userId: string | null;

  /** The user's name when the hour was metered. */
  @Column({ type: String, length: 255, nullable: true })
  username: string | null;

  @quantity("powered_on_hours")
  poweredOnHours: string;

  @quantity("assigned_hours")
  assignedHours: string;

  @quantity("session_hours")
  sessionHours: string;

  @quantity("vcpu_hours")
  vcpuHours: string;

  @quantity("ram_gb_hours")
  ramGbHours: string;

  @quantity("storage_gb_hours")
  storageGbHours: string;

  @Column({ name: "metered_at", type: Date, precision: 3 })
  meteredAt: Date;
}
