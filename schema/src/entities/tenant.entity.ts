import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from "typeorm";
import type { TenantStatus } from "../enums/index.js";

export interface TenantLogo {
  mediaType: "image/png";
  base64: string;
}

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

  /** The cloud the tenant was onboarded on: its Keystone lists are where the domain and project were picked. */
  @Column({ name: "cloud_id", type: "uuid", nullable: true })
  cloudId: string | null;

  /** Logo on the tenant's sign-in page, launcher, mails and PDF reports (PNG, validated on the way in). */
  @Column({ type: "simple-json", nullable: true })
  logo: TenantLogo | null;

  @Column({ name: "max_desktops", type: "int", nullable: true })
  maxDesktops: number | null;

  /** The clouds the MSP lets this tenant build pools on; it sees no other cloud. */
  @Column({ name: "cloud_ids", type: "simple-json", default: "[]" })
  cloudIds: string[];

  @CreateDateColumn({ name: "created_at" })
  createdAt: Date;

  @UpdateDateColumn({ name: "updated_at" })
  updatedAt: Date;
}
