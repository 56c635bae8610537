import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from "typeorm";

/**
 * (group or attribute, locations) → (role, policy, MFA, allow/deny), ordered per identity provider. A null provider
 * means the rule belongs to the tenant's local accounts and applies to every provider's users too. Condition and
 * outcome are stored as JSON and validated by the access evaluator on every use: a broken row denies.
 */
@Entity("assignment_rule")
@Index("ix_assignment_rule_provider", ["tenantId", "identityProviderId", "position"])
export class AssignmentRule {
  @PrimaryGeneratedColumn("uuid")
  id: string;

  @Column({ name: "tenant_id", type: "uuid" })
  tenantId: string;

  @Column({ name: "identity_provider_id", type: "uuid", nullable: true })
  identityProviderId: string | null;

  @Column({ type: "int" })
  position: number;

  @Column({ type: String, length: 1000, nullable: true })
  description: string | null;

  @Column({ type: "simple-json" })
  condition: Record<string, unknown>;

  @Column({ type: "simple-json" })
  outcome: Record<string, unknown>;

  @CreateDateColumn({ name: "created_at", precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ name: "updated_at" })
  updatedAt: Date;
}
