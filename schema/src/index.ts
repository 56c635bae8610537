import "reflect-metadata";
import { AccessProfile } from "./entities/access-profile.entity.js";
import { AlertRule } from "./entities/alert-rule.entity.js";
import { AlertState } from "./entities/alert-state.entity.js";
import { ApiKey } from "./entities/api-key.entity.js";
import { Assignment } from "./entities/assignment.entity.js";
import { AssignmentRule } from "./entities/assignment-rule.entity.js";
import { AuditEvent } from "./entities/audit-event.entity.js";
import { AuthFlowState } from "./entities/auth-flow-state.entity.js";
import { AuthSession } from "./entities/auth-session.entity.js";
import { Cloud } from "./entities/cloud.entity.js";
import { ConnectionTicket } from "./entities/connection-ticket.entity.js";
import { Desktop } from "./entities/desktop.entity.js";
import { DesktopAgentToken } from "./entities/desktop-agent-token.entity.js";
import { DesktopPowerInterval } from "./entities/desktop-power-interval.entity.js";
import { DesktopSession } from "./entities/desktop-session.entity.js";
import { DesktopTimer } from "./entities/desktop-timer.entity.js";
import { ExternalIdentity } from "./entities/external-identity.entity.js";
import { GatewayTunnel } from "./entities/gateway-tunnel.entity.js";
import { Group } from "./entities/group.entity.js";
import { GroupMembership } from "./entities/group-membership.entity.js";
import { IdentityProvider } from "./entities/identity-provider.entity.js";
import { IdentitySettings } from "./entities/identity-settings.entity.js";
import { Job } from "./entities/job.entity.js";
import { Lease } from "./entities/lease.entity.js";
import { Location } from "./entities/location.entity.js";
import { LoginEvent } from "./entities/login-event.entity.js";
import { LoginThrottle } from "./entities/login-throttle.entity.js";
import { Policy } from "./entities/policy.entity.js";
import { Pool } from "./entities/pool.entity.js";
import { PoolEntitlement } from "./entities/pool-entitlement.entity.js";
import { PowerPlan } from "./entities/power-plan.entity.js";
import { PriceList } from "./entities/price-list.entity.js";
import { ProtocolPlan } from "./entities/protocol-plan.entity.js";
import { ProvisioningEvent } from "./entities/provisioning-event.entity.js";
import { ReleasePlan } from "./entities/release-plan.entity.js";
import { ReportDelivery } from "./entities/report-delivery.entity.js";
import { ReportSchedule } from "./entities/report-schedule.entity.js";
import { RoleBinding } from "./entities/role-binding.entity.js";
import { SmtpSettings } from "./entities/smtp-settings.entity.js";
import { Tenant } from "./entities/tenant.entity.js";
import { UsageRecord } from "./entities/usage-record.entity.js";
import { User } from "./entities/user.entity.js";
import { UserMfa } from "./entities/user-mfa.entity.js";

export * from "./entities/access-profile.entity.js";
export * from "./entities/alert-rule.entity.js";
export * from "./entities/alert-state.entity.js";
export * from "./entities/api-key.entity.js";
export * from "./entities/assignment.entity.js";
export * from "./entities/assignment-rule.entity.js";
export * from "./entities/audit-event.entity.js";
export * from "./entities/auth-flow-state.entity.js";
export * from "./entities/auth-session.entity.js";
export * from "./entities/cloud.entity.js";
export * from "./entities/connection-ticket.entity.js";
export * from "./entities/desktop.entity.js";
export * from "./entities/desktop-agent-token.entity.js";
export * from "./entities/desktop-power-interval.entity.js";
export * from "./entities/desktop-session.entity.js";
export * from "./entities/desktop-timer.entity.js";
export * from "./entities/external-identity.entity.js";
export * from "./entities/gateway-tunnel.entity.js";
export * from "./entities/group.entity.js";
export * from "./entities/group-membership.entity.js";
export * from "./entities/identity-provider.entity.js";
export * from "./entities/identity-settings.entity.js";
export * from "./entities/job.entity.js";
export * from "./entities/lease.entity.js";
export * from "./entities/location.entity.js";
export * from "./entities/login-event.entity.js";
export * from "./entities/login-throttle.entity.js";
export * from "./entities/policy.entity.js";
export * from "./entities/pool.entity.js";
export * from "./entities/pool-entitlement.entity.js";
export * from "./entities/power-plan.entity.js";
export * from "./entities/price-list.entity.js";
export * from "./entities/protocol-plan.entity.js";
export * from "./entities/provisioning-event.entity.js";
export * from "./entities/release-plan.entity.js";
export * from "./entities/report-delivery.entity.js";
export * from "./entities/report-schedule.entity.js";
export * from "./entities/role-binding.entity.js";
export * from "./entities/smtp-settings.entity.js";
export * from "./entities/tenant.entity.js";
export * from "./entities/usage-record.entity.js";
export * from "./entities/user.entity.js";
export * from "./entities/user-mfa.entity.js";
export * from "./enums/index.js";

/** Every entity, for DataSource construction. */
export const ALL_ENTITIES = [
  Tenant,
  User,
  Group,
  GroupMembership,
  RoleBinding,
  ApiKey,
  AuditEvent,
  AuthSession,
  Cloud,
  Pool,
  Desktop,
  ProvisioningEvent,
  Job,
  Lease,
  IdentityProvider,
  IdentitySettings,
  LoginEvent,
  UserMfa,
  LoginThrottle,
  AuthFlowState,
  // Broker (0004)
  AccessProfile,
  Assignment,
  AssignmentRule,
  ConnectionTicket,
  DesktopAgentToken,
  DesktopSession,
  DesktopTimer,
  GatewayTunnel,
  Location,
  Policy,
  PoolEntitlement,
  PowerPlan,
  ProtocolPlan,
  ReleasePlan,
  // Usage metering (0006)
  DesktopPowerInterval,
  UsageRecord,
  // Reports and alerts (0007)
  SmtpSettings,
  ReportSchedule,
  ReportDelivery,
  AlertRule,
  AlertState,
  // External identities (0010)
  ExternalIdentity,
  // Price lists (0014)
  PriceList,
];
