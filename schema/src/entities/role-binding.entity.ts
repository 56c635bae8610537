import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from "typeorm";
import type { Role } from "../enums/index.js";

/**
 * Grants a role to a user or to every member of a group. MSP roles have a null tenant; tenant roles always
 * carry the tenant they apply to.
 */
@Entity("role_binding")
@Index("ix_role_binding_user", ["tenantId", "userId"])
@Index("ix_role_binding_group", ["tenantId", "groupId"])
export class RoleBinding {
  @PrimaryGeneratedColumn("uuid")
  id: string;

  @Column({ name: "tenant_id", type: "uuid", nullable: true })
  tenantId: string | null;

  @Column({ name: "user_id", type: "uuid", nullable: true })
  userId: string | null;

  @Column({ name: "group_id", type: "uuid", nullable: true })
  groupId: string | null;

  @Column({ length: 32 })
  role: Role;

  @CreateDateColumn({ name: "created_at" })
  createdAt: Date;
}
