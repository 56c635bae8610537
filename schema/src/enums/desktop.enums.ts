import type { EnumValue } from "./enum.js";

/** The power state the cloud reports (or `unknown` before the first observation). */
export const PowerState = Object.freeze({
  UNKNOWN: "unknown",
  BUILDING: "building",
  RUNNING: "running",
  STOPPED: "stopped",
  SUSPENDED: "suspended",
  SHELVED: "shelved",
  ERROR: "error",
  DELETED: "deleted",
} as const);
export type PowerState = EnumValue<typeof PowerState>;

/** The power state the pool controller drives a desktop towards. */
export const DesiredPowerState = Object.freeze({
  RUNNING: "running",
  STOPPED: "stopped",
  SUSPENDED: "suspended",
  SHELVED: "shelved",
  DELETED: "deleted",
} as const);
export type DesiredPowerState = EnumValue<typeof DesiredPowerState>;

export const DesktopProvisioningState = Object.freeze({
  PENDING: "pending",
  BUILDING: "building",
  READY: "ready",
  FAILED: "failed",
  DELETING: "deleting",
  VANISHED: "vanished",
} as const);
export type DesktopProvisioningState = EnumValue<typeof DesktopProvisioningState>;

/** A one-shot action the pool controller runs on its next pass. */
export const DesktopPendingAction = Object.freeze({
  REBOOT: "reboot",
  REBUILD: "rebuild",
} as const);
export type DesktopPendingAction = EnumValue<typeof DesktopPendingAction>;

export const DesktopAvailability = Object.freeze({
  PROVISIONING: "provisioning",
  AVAILABLE: "available",
  ASSIGNED: "assigned",
  UNAVAILABLE: "unavailable",
  DELETING: "deleting",
} as const);
export type DesktopAvailability = EnumValue<typeof DesktopAvailability>;

/** What an admin asks the pool controller to do with a desktop (not stored: mapped to a desired state). */
export const DesktopAction = Object.freeze({
  START: "START",
  STOP: "STOP",
  SUSPEND: "SUSPEND",
  RESUME: "RESUME",
  SHELVE: "SHELVE",
  UNSHELVE: "UNSHELVE",
  REBOOT: "REBOOT",
  REBUILD: "REBUILD",
  TERMINATE: "TERMINATE",
} as const);
export type DesktopAction = EnumValue<typeof DesktopAction>;

/** The desktop's own summary of its user session, as the desktop agent last reported it. */
export const DesktopSessionSummary = Object.freeze({
  NONE: "none",
  LOGGED_IN: "logged_in",
  LOCKED: "locked",
  IDLE: "idle",
  DISCONNECTED: "disconnected",
} as const);
export type DesktopSessionSummary = EnumValue<typeof DesktopSessionSummary>;

export const DesktopSessionState = Object.freeze({
  PENDING: "pending",
  ACTIVE: "active",
  LOCKED: "locked",
  IDLE: "idle",
  DISCONNECTED: "disconnected",
  ENDED: "ended",
} as const);
export type DesktopSessionState = EnumValue<typeof DesktopSessionState>;

/**
 * Why an assignment was released: the user let it go, or the release plan's timer after a disconnect or a logout.
 * Those are the only releases there are (a reboot ends the session but keeps the assignment; a rogue sign-in only
 * claims a free desktop), so the set has no other values.
 */
export const ReleaseReason = Object.freeze({
  USER: "user",
  TIMER_DISCONNECT: "timer_disconnect",
  TIMER_LOGOUT: "timer_logout",
} as const);
export type ReleaseReason = EnumValue<typeof ReleaseReason>;

/** Why a brokered session ended: the agent's logout or boot, a refused rogue login, or a release. */
export const SessionEndReason = Object.freeze({
  LOGOUT: "logout",
  BOOT: "boot",
  ROGUE_LOGOUT: "rogue_logout",
  /** The helpdesk ended it; the desktop's agent signs the user out. */
  HELPDESK: "helpdesk",
  RELEASED_USER: `released:${ReleaseReason.USER}`,
  RELEASED_TIMER_DISCONNECT: `released:${ReleaseReason.TIMER_DISCONNECT}`,
  RELEASED_TIMER_LOGOUT: `released:${ReleaseReason.TIMER_LOGOUT}`,
} as const);
export type SessionEndReason = EnumValue<typeof SessionEndReason>;

/** How a client reaches its desktop. */
export const ConnectMethod = Object.freeze({
  DIRECT: "direct",
  GATEWAY: "gateway",
} as const);
export type ConnectMethod = EnumValue<typeof ConnectMethod>;

export const AssignmentOrigin = Object.freeze({
  BROKER: "broker",
  ROGUE: "rogue",
  ADMIN: "admin",
} as const);
export type AssignmentOrigin = EnumValue<typeof AssignmentOrigin>;

export const DesktopTimerKind = Object.freeze({
  RELEASE: "release",
  POWER: "power",
} as const);
export type DesktopTimerKind = EnumValue<typeof DesktopTimerKind>;

export const DesktopTimerReason = Object.freeze({
  DISCONNECT: "disconnect",
  LOGOUT: "logout",
  RELEASE: "release",
} as const);
export type DesktopTimerReason = EnumValue<typeof DesktopTimerReason>;

export const GatewayTunnelMode = Object.freeze({
  WEBSOCKET: "websocket",
  FORWARD: "forward",
} as const);
export type GatewayTunnelMode = EnumValue<typeof GatewayTunnelMode>;
