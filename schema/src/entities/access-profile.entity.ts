import { Column, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from "typeorm";

/**
 * What the identity provider said about a user at their last sign-in (provider, groups, attributes). Offer, connect
 * and the gateway re-run the assignment rules against it, as directories are only asked at sign-in.
 */
@Entity("access_profile")
@Index("uq_access_profile_user", ["tenantId", "userId"], { unique: true })
export class AccessProfile {
  @PrimaryGeneratedColumn("uuid")
  id: string;

  @Column({ name: "tenant_id", type: "uuid" })
  tenantId: string;

  @Column({ name: "user_id", type: "uuid" })
  userId: string;

  @Column({ name: "identity_provider_id", type: "uuid", nullable: true })
  identityProviderId: string | null;

  @Column({ type: "simple-json" })
  groups: string[];

  @Column({ type: "simple-json" })
  attributes: Record<string, string | string[]>;

  @UpdateDateColumn({ name: "updated_at" })
  updatedAt: Date;
}
