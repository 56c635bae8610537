import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from "typeorm";
import type { ParkedPowerState, PoolProvisioningState, PoolStatus, UserDataKind, Weekday } from "../enums/index.js";

/** What the controller is doing with the pool right now, for the portal's progress view. */

/** Power state unassigned desktops above `minRunning` are parked in. */

/**
 * A weekday/time window that overrides the pool's sizes while it is open (ramp-up, peak, off-peak…). Days are
 * `mon`…`sun`; `start`/`end` are local `HH:MM` in the pool's time zone; `end` ≤ `start` crosses midnight.
 */
export interface PoolScheduleWindow {
  days: Weekday[];
  start: string;
  end: string;
  minTotal?: number | null;
  maxTotal?: number | null;
  minAvailable?: number | null;
  minRunning?: number | null;
}

/** Active Directory join of new desktops; the password is a SecretBox envelope, never returned by the API. */
export interface PoolDomainJoin {
  domain: string;
  ou: string | null;
  username: string;
  passwordEnc: string;
}

/**
 * The account the gateway signs in to the pool's desktops with for protocols it terminates itself (SSH, RDP through
 * guacd). Secrets are sealed; the browser never sees them.
 */
export interface PoolDesktopLogin {
  username: string;
  passwordEnc: string | null;
  privateKeyEnc: string | null;
}

@Entity("pool")
@Index("uq_pool_tenant_name", ["tenantId", "name"], { unique: true })
export class Pool {
  @PrimaryGeneratedColumn("uuid")
  id: string;

  @Column({ name: "tenant_id", type: "uuid" })
  tenantId: string;

  @Column({ name: "cloud_id", type: "uuid" })
  cloudId: string;

  @Column({ length: 200 })
  name: string;

  @Column({ type: String, length: 1000, nullable: true })
  description: string | null;

  /** Glance image id of the golden image. */
  @Column({ name: "image_ref", length: 64 })
  imageRef: string;

  @Column({ name: "flavor_ref", length: 64 })
  flavorRef: string;

  @Column({ name: "network_ids", type: "simple-json" })
  networkIds: string[];

  @Column({ name: "security_groups", type: "simple-json" })
  securityGroups: string[];

  @Column({ name: "boot_volume_gb", type: "int", nullable: true })
  bootVolumeGb: number | null;

  @Column({ type: String, name: "storage_policy", length: 255, nullable: true })
  storagePolicy: string | null;

  @Column({ type: String, name: "availability_zone", length: 255, nullable: true })
  availabilityZone: string | null;

  /** Desktop name pattern; `{SEQ}` (optionally `{SEQ:3}`), `{TENANT}` and `{POOL}` are replaced. */
  @Column({ name: "name_pattern", length: 64 })
  namePattern: string;

  @Column({ name: "min_total", type: "int", default: 0 })
  minTotal: number;

  @Column({ name: "max_total", type: "int", default: 10 })
  maxTotal: number;

  @Column({ name: "min_available", type: "int", default: 0 })
  minAvailable: number;

  @Column({ name: "min_running", type: "int", default: 0 })
  minRunning: number;

  /** Whether the controller may delete unassigned desktops above the desired size. */
  @Column({ name: "enforce_limits", default: false })
  enforceLimits: boolean;

  @Column({ length: 16, default: "active" })
  status: PoolStatus;

  @Column({ type: String, name: "status_reason", length: 1000, nullable: true })
  statusReason: string | null;

  /** Next `{SEQ}` value; only ever grows, so names are never reused. */
  @Column({ name: "next_seq", type: "int", default: 1 })
  nextSeq: number;

  /** IANA zone the schedule windows are read in. */
  @Column({ name: "time_zone", length: 64, default: "UTC" })
  timeZone: string;

  @Column({ type: "simple-json", nullable: true })
  schedule: PoolScheduleWindow[] | null;

  @Column({ name: "parked_power_state", length: 16, default: "running" })
  parkedPowerState: ParkedPowerState;

  /** Restraint: this many faults within `restraintWindowMinutes` pause the pool. */
  @Column({ name: "restraint_failures", type: "int", default: 3 })
  restraintFailures: number;

  @Column({ name: "restraint_window_minutes", type: "int", default: 10 })
  restraintWindowMinutes: number;

  /** Servers carrying this pool's tags but no desktop row are deleted (otherwise only reported). */
  @Column({ name: "delete_orphans", default: false })
  deleteOrphans: boolean;

  @Column({ name: "user_data_kind", length: 16, default: "none" })
  userDataKind: UserDataKind;

  /** Extra cloud-init / cloudbase-init text appended to the generated user data. */
  @Column({ type: "simple-json", name: "user_data_template", nullable: true })
  userDataTemplate: string | null;

  @Column({ type: "simple-json", name: "domain_join", nullable: true })
  domainJoin: PoolDomainJoin | null;

  @Column({ type: "simple-json", name: "desktop_login", nullable: true })
  desktopLogin: PoolDesktopLogin | null;

  @Column({ name: "provisioning_state", length: 16, default: "idle" })
  provisioningState: PoolProvisioningState;

  @Column({ type: String, name: "last_error", length: 2000, nullable: true })
  lastError: string | null;

  /** Grow attempts refused in a row (quota); sets how long the next attempt waits. */
  @Column({ name: "grow_retries", type: "int", default: 0 })
  growRetries: number;

  /** While blocked, no quota read nor create goes out before this instant. */
  @Column({ name: "grow_retry_at", type: Date, nullable: true })
  growRetryAt: Date | null;

  /** `changes-since` watermark of the last incremental inventory sync. */
  @Column({ name: "synced_at", type: Date, nullable: true })
  syncedAt: Date | null;

  @Column({ name: "full_synced_at", type: Date, nullable: true })
  fullSyncedAt: Date | null;

  @CreateDateColumn({ name: "created_at" })
  createdAt: Date;

  @UpdateDateColumn({ name: "updated_at" })
  updatedAt: Date;
}
