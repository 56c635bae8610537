import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from "typeorm";

@Entity("group_membership")
@Index("uq_group_membership", ["tenantId", "groupId", "userId"], { unique: true })
@Index("ix_group_membership_user", ["tenantId", "userId"])
export class GroupMembership {
  @PrimaryGeneratedColumn("uuid")
  id: string;

  @Column({ name: "tenant_id", type: "uuid" })
  tenantId: string;

  @Column({ name: "group_id", type: "uuid" })
  groupId: string;

  @Column({ name: "user_id", type: "uuid" })
  userId: string;

  @CreateDateColumn({ name: "created_at" })
  createdAt: Date;
}
