import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from "typeorm";
import type {
  DesiredPowerState,
  DesktopAvailability,
  DesktopPendingAction,
  DesktopProvisioningState,
  DesktopSessionSummary,
  PowerState,
} from "../enums/index.js";

/** Where the controller is in this desktop's life cycle. */

/** One request for the desktop agent; `sessionId` is the session it concerns. */
export interface AgentCommand {
  kind: "logout" | "disconnect" | "message";
  sessionId: string;
  text?: string;
  requestedAt: string;
}

@Entity("desktop")
@Index("uq_desktop_pool_seq", ["tenantId", "poolId", "seq"], { unique: true })
@Index("ix_desktop_tenant_availability", ["tenantId", "availability"])
@Index("ix_desktop_server", ["serverId"])
@Index("ix_desktop_tenant_pool_state", ["tenantId", "poolId", "provisioningState"])
export class Desktop {
  @PrimaryGeneratedColumn("uuid")
  id: string;

  @Column({ name: "tenant_id", type: "uuid" })
  tenantId: string;

  @Column({ name: "pool_id", type: "uuid" })
  poolId: string;

  @Column({ length: 64 })
  name: string;

  @Column({ type: "int" })
  seq: number;

  /** Nova server id once the create call has been accepted. */
  @Column({ type: String, name: "server_id", length: 64, nullable: true })
  serverId: string | null;

  @Column({ type: "simple-json", nullable: true })
  addresses: string[] | null;

  @Column({ name: "observed_power_state", length: 16, default: "unknown" })
  observedPowerState: PowerState;

  @Column({ name: "desired_power_state", length: 16, default: "running" })
  desiredPowerState: DesiredPowerState;

  @Column({ length: 16, default: "provisioning" })
  availability: DesktopAvailability;

  @Column({ name: "assigned_user_id", type: "uuid", nullable: true })
  assignedUserId: string | null;

  @Column({ name: "session_state", length: 16, default: "none" })
  sessionState: DesktopSessionSummary;

  @Column({ type: String, name: "last_error", length: 2000, nullable: true })
  lastError: string | null;

  @Column({ name: "out_of_service", default: false })
  outOfService: boolean;

  @Column({ name: "provisioning_state", length: 16, default: "pending" })
  provisioningState: DesktopProvisioningState;

  /**
   * Fresh per create attempt and sent as a server tag before the create call: after a crash or an ambiguous
   * failure the controller finds the server by it instead of creating a second one.
   */
  @Column({ type: String, name: "request_marker", length: 64, nullable: true })
  requestMarker: string | null;

  @Column({ name: "create_attempts", type: "int", default: 0 })
  createAttempts: number;

  /** Raw Nova status (with task state while one runs), e.g. `ACTIVE`, `SHUTOFF/powering-on`. */
  @Column({ type: String, name: "server_status", length: 64, nullable: true })
  serverStatus: string | null;

  /** Golden image the server was last built or rebuilt from. */
  @Column({ type: String, name: "image_ref", length: 64, nullable: true })
  imageRef: string | null;

  /** A manual one-shot action the controller runs on its next pass. */
  @Column({ type: String, name: "pending_action", length: 16, nullable: true })
  pendingAction: DesktopPendingAction | null;

  /**
   * What the helpdesk asked the desktop's agent to do (end or disconnect the session, show a message), handed to the
   * agent with its next event's reply and then cleared: the agent calls us, we never reach into the desktop.
   */
  @Column({ name: "agent_commands", type: "simple-json", nullable: true })
  agentCommands: AgentCommand[] | null;

  @CreateDateColumn({ name: "created_at" })
  createdAt: Date;

  @UpdateDateColumn({ name: "updated_at" })
  updatedAt: Date;
}
