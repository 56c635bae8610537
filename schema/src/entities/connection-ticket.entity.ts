import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from "typeorm";

/**
 * A gateway ticket as issued; the signed token carries the same facts, this row makes it single-use across every
 * gateway process (consumed with one conditional UPDATE).
 */
@Entity("connection_ticket")
@Index("ix_connection_ticket_tenant", ["tenantId", "expiresAt"])
export class ConnectionTicket {
  @PrimaryColumn({ type: "uuid" })
  id: string;

  @Column({ name: "tenant_id", type: "uuid" })
  tenantId: string;

  @Column({ name: "user_id", type: "uuid" })
  userId: string;

  @Column({ name: "desktop_id", type: "uuid" })
  desktopId: string;

  @Column({ name: "session_id", type: "uuid" })
  sessionId: string;

  @Column({ name: "client_ip", length: 64 })
  clientIp: string;

  @Column({ length: 16 })
  protocol: string;

  @Column({ name: "expires_at", precision: 3 })
  expiresAt: Date;

  @Column({ name: "consumed_at", type: Date, precision: 3, nullable: true })
  consumedAt: Date | null;

  @CreateDateColumn({ name: "created_at", precision: 3 })
  createdAt: Date;
}
