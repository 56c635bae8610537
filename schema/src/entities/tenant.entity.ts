import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from "typeorm";
import type { TenantStatus } from "../enums/index.js";

@Entity("tenant")
export class Tenant {
  @PrimaryGeneratedColumn("uuid")
  id: string;

  @Column({ length: 200 })
  name: string;

  @Index("uq_tenant_slug", { unique: true })
  @Column({ length: 63 })
  slug: string;

  @Column({ length: 16, default: "active" })
  status: TenantStatus;

  /** Accent colour for the portal and report title pages, `#rrggbb`. */
  @Column({ type: String, name: "brand_color", length: 7, nullable: true })
  brandColor: string | null;

  /** The Keystone domain and project this tenant's desktops live in on its cloud. */
  @Column({ type: String, name: "vhi_domain", length: 255, nullable: true })
  vhiDomain: string | null;

  @Column({ type: String, name: "vhi_project", length: 255, nullable: true })
  vhiProject: string | null;

  @Column({ name: "max_desktops", type: "int", nullable: true })
  maxDesktops: number | null;

  @CreateDateColumn({ name: "created_at" })
  createdAt: Date;

  @UpdateDateColumn({ name: "updated_at" })
  updatedAt: Date;
}
