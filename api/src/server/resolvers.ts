import type { NonEmptyArray } from "type-graphql";
import { ACCESS_RESOLVERS } from "../modules/access/access.resolvers.js";
import { AlertRulesResolver } from "../modules/alerts/alert-rules.resolver.js";
import { ApiKeysResolver } from "../modules/api-keys/api-keys.resolver.js";
import { AuditResolver } from "../modules/audit/audit.resolver.js";
import { BillingResolver } from "../modules/billing/billing.resolver.js";
import { BROKER_RESOLVERS } from "../modules/broker/broker.resolvers.js";
import { CloudsResolver } from "../modules/clouds/clouds.resolver.js";
import { DesktopsResolver } from "../modules/desktops/desktops.resolver.js";
import { UserDesktopsResolver } from "../modules/desktops/user-desktops.resolver.js";
import { FleetOverviewResolver } from "../modules/fleet/fleet-overview.resolver.js";
import { GroupsResolver } from "../modules/groups/groups.resolver.js";
import { ExternalIdentitiesResolver } from "../modules/identity/external-identities.resolver.js";
import { IdentityProvidersResolver } from "../modules/identity/identity-providers.resolver.js";
import { SignInResolver } from "../modules/identity/sign-in/sign-in.resolver.js";
import { SsoProvidersResolver } from "../modules/identity/sso/sso-providers.resolver.js";
import { SmtpSettingsResolver } from "../modules/mail/smtp-settings.resolver.js";
import { UsageResolver } from "../modules/metering/usage.resolver.js";
import { MspStaffResolver } from "../modules/msp-staff/msp-staff.resolver.js";
import { PoolsResolver } from "../modules/pools/pools.resolver.js";
import { ReportSchedulesResolver } from "../modules/reports/report-schedules.resolver.js";
import { ReportsResolver } from "../modules/reports/reports.resolver.js";
import { SessionsResolver } from "../modules/sessions/sessions.resolver.js";
import { TenantsResolver } from "../modules/tenants/tenants.resolver.js";
import { UsersResolver } from "../modules/users/users.resolver.js";

export const RESOLVERS: NonEmptyArray<Function> = [
  SessionsResolver,
  TenantsResolver,
  MspStaffResolver,
  UsersResolver,
  GroupsResolver,
  CloudsResolver,
  PoolsResolver,
  DesktopsResolver,
  UserDesktopsResolver,
  ApiKeysResolver,
  AuditResolver,
  IdentityProvidersResolver,
  ExternalIdentitiesResolver,
  SignInResolver,
  SsoProvidersResolver,
  ...ACCESS_RESOLVERS,
  ...BROKER_RESOLVERS,
  ReportsResolver,
  ReportSchedulesResolver,
  SmtpSettingsResolver,
  AlertRulesResolver,
  UsageResolver,
  BillingResolver,
  FleetOverviewResolver,
];
