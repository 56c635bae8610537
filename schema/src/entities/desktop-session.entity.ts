import { Column, Entity, Index, PrimaryGeneratedColumn } from "typeorm";
import type { DesktopSessionState, DisplayProtocol, SessionEndReason } from "../enums/index.js";

/** A user's session on a desktop, from connect (or a rogue login) to logout. History for reports. */
@Entity("desktop_session")
@Index("ix_desktop_session_tenant_time", ["tenantId", "startedAt"])
@Index("ix_desktop_session_desktop", ["tenantId", "desktopId", "state"])
// Usage metering finds the sessions that overlap an hour by their end (recent or still open).
@Index("ix_desktop_session_tenant_ended", ["tenantId", "endedAt"])
export class DesktopSession {
  @PrimaryGeneratedColumn("uuid")
  id: string;

  @Column({ name: "tenant_id", type: "uuid" })
  tenantId: string;

  @Column({ name: "desktop_id", type: "uuid" })
  desktopId: string;

  /** Null for a rogue login by someone the broker cannot map to a user. */
  @Column({ name: "user_id", type: "uuid", nullable: true })
  userId: string | null;

  @Column({ name: "assignment_id", type: "uuid", nullable: true })
  assignmentId: string | null;

  /** The desktop login name (from the agent) or the broker username. */
  @Column({ length: 255 })
  username: string;

  @Column({ length: 16, default: "pending" })
  state: DesktopSessionState;

  @Column({ default: false })
  rogue: boolean;

  @Column({ type: String, length: 16, nullable: true })
  protocol: DisplayProtocol | null;

  @Column({ name: "via_gateway", default: false })
  viaGateway: boolean;

  @Column({ type: String, name: "client_ip", length: 64, nullable: true })
  clientIp: string | null;

  @Column({ name: "location_ids", type: "simple-json", nullable: true })
  locationIds: string[] | null;

  /** Milliseconds the broker took from the connect request to the assignment (null for rogue logins). */
  @Column({ name: "connect_ms", type: "int", nullable: true })
  connectMs: number | null;

  @Column({ name: "started_at", precision: 3 })
  startedAt: Date;

  @Column({ name: "last_event_at", type: Date, precision: 3, nullable: true })
  lastEventAt: Date | null;

  @Column({ name: "ended_at", type: Date, precision: 3, nullable: true })
  endedAt: Date | null;

  @Column({ type: String, name: "end_reason", length: 32, nullable: true })
  endReason: SessionEndReason | null;
}
