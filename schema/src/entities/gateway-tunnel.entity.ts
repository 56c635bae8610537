import { Column, Entity, Index, PrimaryGeneratedColumn } from "typeorm";
import type { GatewayTunnelMode } from "../enums/index.js";

/** Byte counts can pass 2^31 in one long session; JavaScript numbers are exact up to 2^53. */
const bigintAsNumber = {
  to: (value: number) => value,
  from: (value: string | number | null) => (value === null ? 0 : Number(value)),
};

/**
 * One relayed connection through a gateway node (a browser tunnel or a native-client port forward), with the
 * traffic and duration reports need. Open rows (closed_at null) also count toward the per-user tunnel limit.
 */
@Entity("gateway_tunnel")
@Index("ix_gateway_tunnel_tenant_time", ["tenantId", "openedAt"])
@Index("ix_gateway_tunnel_user_open", ["tenantId", "userId", "closedAt"])
@Index("ix_gateway_tunnel_session", ["tenantId", "sessionId"])
export class GatewayTunnel {
  @PrimaryGeneratedColumn("uuid")
  id: string;

  @Column({ name: "tenant_id", type: "uuid" })
  tenantId: string;

  @Column({ name: "user_id", type: "uuid" })
  userId: string;

  @Column({ name: "desktop_id", type: "uuid" })
  desktopId: string;

  @Column({ name: "session_id", type: "uuid", nullable: true })
  sessionId: string | null;

  @Column({ name: "ticket_id", type: "uuid" })
  ticketId: string;

  @Column({ length: 16 })
  protocol: string;

  @Column({ length: 16 })
  mode: GatewayTunnelMode;

  /** The gateway process that relayed it. */
  @Column({ length: 100 })
  node: string;

  @Column({ name: "client_ip", length: 64 })
  clientIp: string;

  /** The forwarded port, for mode "forward". */
  @Column({ name: "listen_port", type: "int", nullable: true })
  listenPort: number | null;

  /** Client to desktop. */
  @Column({ name: "bytes_in", type: "bigint", default: 0, transformer: bigintAsNumber })
  bytesIn: number;

  /** Desktop to client. */
  @Column({ name: "bytes_out", type: "bigint", default: 0, transformer: bigintAsNumber })
  bytesOut: number;

  @Column({ name: "opened_at", precision: 3 })
  openedAt: Date;

  @Column({ name: "closed_at", type: Date, precision: 3, nullable: true })
  closedAt: Date | null;

  @Column({ name: "duration_ms", type: "int", nullable: true })
  durationMs: number | null;

  @Column({ name: "close_reason", type: String, length: 32, nullable: true })
  closeReason: string | null;
}
