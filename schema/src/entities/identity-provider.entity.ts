import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from "typeorm";
import type { AccountLinkRule, IdentityProviderKind, Role } from "../enums/index.js";

/** How a directory/IdP group becomes a role: the first mapping whose group the user is in grants its role. */
export interface GroupRoleMapping {
  group: string;
  role: Role;
}

/**
 * A tenant's (or, with a null tenant, the MSP staff's) identity provider. `config` holds the non-secret settings;
 * the one secret of each kind (bind password, client secret, RADIUS shared secret) is sealed in `secretEnc`.
 */
@Entity("identity_provider")
@Index("uq_identity_provider_tenant_name", ["tenantId", "name"], { unique: true })
export class IdentityProvider {
  @PrimaryGeneratedColumn("uuid")
  id: string;

  @Column({ name: "tenant_id", type: "uuid", nullable: true })
  tenantId: string | null;

  @Column({ length: 200 })
  name: string;

  @Column({ length: 16 })
  kind: IdentityProviderKind;

  @Column({ default: true })
  enabled: boolean;

  /** Password sign-in tries enabled ldap providers in ascending priority (then the local store). */
  @Column({ type: "int", default: 100 })
  priority: number;

  /** When a new subject of this provider may join an account the tenant already has. */
  @Column({ name: "account_link_rule", length: 16, default: "none" })
  accountLinkRule: AccountLinkRule;

  @Column({ type: "simple-json" })
  config: Record<string, unknown>;

  @Column({ type: String, name: "secret_enc", length: 2000, nullable: true })
  secretEnc: string | null;

  @Column({ name: "group_role_mappings", type: "simple-json" })
  groupRoleMappings: GroupRoleMapping[];

  @CreateDateColumn({ name: "created_at", precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ name: "updated_at" })
  updatedAt: Date;
}
