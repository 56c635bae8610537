import {
  AccessProfile,
  AlertRule,
  AlertState,
  ApiKey,
  Assignment,
  AssignmentRule,
  AuditEvent,
  AuthFlowState,
  AuthSession,
  ConnectionTicket,
  Desktop,
  DesktopAgentToken,
  DesktopPowerInterval,
  DesktopSession,
  DesktopTimer,
  ExternalIdentity,
  GatewayTunnel,
  Group,
  GroupMembership,
  IdentityProvider,
  IdentitySettings,
  Job,
  Location,
  LoginEvent,
  LoginThrottle,
  Policy,
  Pool,
  PoolEntitlement,
  PowerPlan,
  PriceList,
  ProtocolPlan,
  ProvisioningEvent,
  ReleasePlan,
  ReportDelivery,
  ReportSchedule,
  RoleBinding,
  SmtpSettings,
  UsageRecord,
  User,
  UserMfa,
} from "@atrium/schema";
import { getMetadataArgsStorage } from "typeorm";

/**
 * The name under which each tenant-owned entity is reached through the data layer (`ctx.db.desktops`). A test holds
 * this map against the schema (every entity with a `tenantId` column), so a new tenant-owned entity cannot be
 * forgotten here, and the data-layer check fails for code that reaches one any other way.
 */
export const TENANT_OWNED = {
  accessProfiles: AccessProfile,
  alertRules: AlertRule,
  alertStates: AlertState,
  apiKeys: ApiKey,
  assignments: Assignment,
  assignmentRules: AssignmentRule,
  auditEvents: AuditEvent,
  authFlowStates: AuthFlowState,
  authSessions: AuthSession,
  connectionTickets: ConnectionTicket,
  desktops: Desktop,
  desktopAgentTokens: DesktopAgentToken,
  desktopPowerIntervals: DesktopPowerInterval,
  desktopSessions: DesktopSession,
  desktopTimers: DesktopTimer,
  externalIdentities: ExternalIdentity,
  gatewayTunnels: GatewayTunnel,
  groups: Group,
  groupMemberships: GroupMembership,
  identityProviders: IdentityProvider,
  identitySettings: IdentitySettings,
  jobs: Job,
  locations: Location,
  loginEvents: LoginEvent,
  loginThrottles: LoginThrottle,
  policies: Policy,
  pools: Pool,
  poolEntitlements: PoolEntitlement,
  powerPlans: PowerPlan,
  priceLists: PriceList,
  protocolPlans: ProtocolPlan,
  provisioningEvents: ProvisioningEvent,
  releasePlans: ReleasePlan,
  reportDeliveries: ReportDelivery,
  reportSchedules: ReportSchedule,
  roleBindings: RoleBinding,
  smtpSettings: SmtpSettings,
  usageRecords: UsageRecord,
  users: User,
  userMfa: UserMfa,
} as const;

export type TenantOwnedName = keyof typeof TENANT_OWNED;
export type EntityOf<K extends TenantOwnedName> = InstanceType<(typeof TENANT_OWNED)[K]>;

export interface TenantOwnedClass {
  entity: Function;
  /** A nullable `tenant_id` holds MSP-wide rows too (owner scoping); a required one needs a tenant context. */
  mspWide: boolean;
}

/** Every entity class of the schema with a `tenantId` column: the definition of "tenant-owned", read from the schema. */
export function tenantOwnedClasses(): TenantOwnedClass[] {
  return getMetadataArgsStorage()
    .columns.filter((column) => column.propertyName === "tenantId" && typeof column.target === "function")
    .map((column) => ({ entity: column.target as Function, mspWide: column.options.nullable === true }));
}
