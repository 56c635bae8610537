import { Column, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from "typeorm";
import { decimalText, USAGE_DECIMAL_SCALE } from "./usage-record.entity.js";

const unitPrice = (name: string) =>
  Column({
    name,
    type: "decimal",
    precision: 18,
    scale: USAGE_DECIMAL_SCALE,
    nullable: true,
    transformer: decimalText,
  });

/**
 * What the MSP charges one tenant per unit of metered usage, in one currency. Prices are exact decimals (never
 * floats) and each is optional: a resource without a price is reported but not charged.
 */
@Entity("price_list")
@Index("uq_price_list_tenant", ["tenantId"], { unique: true })
export class PriceList {
  @PrimaryGeneratedColumn("uuid")
  id: string;

  @Column({ name: "tenant_id", type: "uuid" })
  tenantId: string;

  /** ISO 4217 code, e.g. EUR. */
  @Column({ length: 3 })
  currency: string;

  @unitPrice("desktop_hour")
  desktopHour: string | null;

  @unitPrice("vcpu_hour")
  vcpuHour: string | null;

  @unitPrice("ram_gb_hour")
  ramGbHour: string | null;

  @unitPrice("storage_gb_hour")
  storageGbHour: string | null;

  @UpdateDateColumn({ name: "updated_at" })
  updatedAt: Date;
}
