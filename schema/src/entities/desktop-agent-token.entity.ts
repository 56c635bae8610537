import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from "typeorm";

/** The agent credential of one desktop (delivered in user-data); only its SHA-256 is stored. */
@Entity("desktop_agent_token")
@Index("uq_desktop_agent_token_desktop", ["tenantId", "desktopId"], { unique: true })
export class DesktopAgentToken {
  @PrimaryGeneratedColumn("uuid")
  id: string;

  @Column({ name: "tenant_id", type: "uuid" })
  tenantId: string;

  @Column({ name: "desktop_id", type: "uuid" })
  desktopId: string;

  @Column({ name: "token_hash", length: 64 })
  tokenHash: string;

  @Column({ name: "last_seen_at", type: Date, nullable: true })
  lastSeenAt: Date | null;

  @CreateDateColumn({ name: "created_at" })
  createdAt: Date;
}
