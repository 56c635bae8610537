import type { EnumValue } from "./enum.js";

/** Whether a pool hands out desktops: paused by an admin or by restraint, draining to zero. */
export const PoolStatus = Object.freeze({
  ACTIVE: "active",
  PAUSED: "paused",
  DRAINING: "draining",
} as const);
export type PoolStatus = EnumValue<typeof PoolStatus>;

/** What the pool controller did on its last pass. */
export const PoolProvisioningState = Object.freeze({
  IDLE: "idle",
  GROWING: "growing",
  SHRINKING: "shrinking",
  BLOCKED: "blocked",
  PAUSED: "paused",
  ERROR: "error",
} as const);
export type PoolProvisioningState = EnumValue<typeof PoolProvisioningState>;

/** The power state free desktops are parked in until someone is assigned. */
export const ParkedPowerState = Object.freeze({
  RUNNING: "running",
  STOPPED: "stopped",
  SUSPENDED: "suspended",
  SHELVED: "shelved",
} as const);
export type ParkedPowerState = EnumValue<typeof ParkedPowerState>;

/** Which first-boot agent reads the pool's user data. */
export const UserDataKind = Object.freeze({
  NONE: "none",
  CLOUD_INIT: "cloud-init",
  CLOUDBASE_INIT: "cloudbase-init",
} as const);
export type UserDataKind = EnumValue<typeof UserDataKind>;

export const ProvisioningEventLevel = Object.freeze({
  INFO: "info",
  WARNING: "warning",
  ERROR: "error",
} as const);
export type ProvisioningEventLevel = EnumValue<typeof ProvisioningEventLevel>;

/** What a pool pass (or an admin) did to a pool or one of its desktops. */
export const ProvisioningEventKind = Object.freeze({
  READY: "ready",
  DELETED: "deleted",
  VANISHED: "vanished",
  TERMINATE: "terminate",
  SCALE_DOWN: "scale-down",
  REBOOT: "reboot",
  REBUILD: "rebuild",
  ORPHAN: "orphan",
  ORPHAN_DELETED: "orphan-deleted",
  DUPLICATE_DELETED: "duplicate-deleted",
  /** A cloud call failed; restraint pauses the pool after too many. */
  FAULT: "fault",
  BLOCKED: "blocked",
  PAUSED: "paused",
  /** An admin resumed the pool: restraint counts only the faults after it. */
  RESUMED: "resumed",
  ERROR: "error",
} as const);
export type ProvisioningEventKind = EnumValue<typeof ProvisioningEventKind>;
