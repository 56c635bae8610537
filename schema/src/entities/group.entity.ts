import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from "typeorm";
import type { UserSource } from "../enums/index.js";

@Entity("app_group")
@Index("uq_group_tenant_name", ["tenantId", "name"], { unique: true })
export class Group {
  @PrimaryGeneratedColumn("uuid")
  id: string;

  @Column({ name: "tenant_id", type: "uuid" })
  tenantId: string;

  @Column({ length: 255 })
  name: string;

  @Column({ type: String, length: 1000, nullable: true })
  description: string | null;

  @Column({ length: 16, default: "local" })
  source: UserSource;

  @Column({ type: String, name: "external_id", length: 512, nullable: true })
  externalId: string | null;

  @CreateDateColumn({ name: "created_at" })
  createdAt: Date;

  @UpdateDateColumn({ name: "updated_at" })
  updatedAt: Date;
}
