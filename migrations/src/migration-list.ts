import type { MigrationInterface } from "typeorm";
import { Foundation0001 as MssqlFoundation0001 } from "../mssql/0001-foundation.js";
import { Provisioning0002 as MssqlProvisioning0002 } from "../mssql/0002-provisioning.js";
import { Identity0003 as MssqlIdentity0003 } from "../mssql/0003-identity.js";
import { Broker0004 as MssqlBroker0004 } from "../mssql/0004-broker.js";
import { Gateway0005 as MssqlGateway0005 } from "../mssql/0005-gateway.js";
import { Usage0006 as MssqlUsage0006 } from "../mssql/0006-usage.js";
import { Reports0007 as MssqlReports0007 } from "../mssql/0007-reports.js";
import { DesktopLogin0008 as MssqlDesktopLogin0008 } from "../mssql/0008-desktop-login.js";
import { HistoryDetails0009 as MssqlHistoryDetails0009 } from "../mssql/0009-history-details.js";
import { ExternalIdentity0010 as MssqlExternalIdentity0010 } from "../mssql/0010-external-identity.js";
import { AgentCommands0011 as MssqlAgentCommands0011 } from "../mssql/0011-agent-commands.js";
import { RowLevelSecurity0012 as MssqlRowLevelSecurity0012 } from "../mssql/0012-row-level-security.js";
import { CloudFidelity0013 as MssqlCloudFidelity0013 } from "../mssql/0013-cloud-fidelity.js";
import { PriceList0014 as MssqlPriceList0014 } from "../mssql/0014-price-list.js";
import { MspConsole0015 as MssqlMspConsole0015 } from "../mssql/0015-msp-console.js";
import { TenantCloudGrants0016 as MssqlTenantCloudGrants0016 } from "../mssql/0016-tenant-cloud-grants.js";
import { Foundation0001 as PostgresFoundation0001 } from "../postgres/0001-foundation.js";
import { Provisioning0002 as PostgresProvisioning0002 } from "../postgres/0002-provisioning.js";
import { Identity0003 as PostgresIdentity0003 } from "../postgres/0003-identity.js";
import { Broker0004 as PostgresBroker0004 } from "../postgres/0004-broker.js";
import { Gateway0005 as PostgresGateway0005 } from "../postgres/0005-gateway.js";
import { Usage0006 as PostgresUsage0006 } from "../postgres/0006-usage.js";
import { Reports0007 as PostgresReports0007 } from "../postgres/0007-reports.js";
import { DesktopLogin0008 as PostgresDesktopLogin0008 } from "../postgres/0008-desktop-login.js";
import { HistoryDetails0009 as PostgresHistoryDetails0009 } from "../postgres/0009-history-details.js";
import { ExternalIdentity0010 as PostgresExternalIdentity0010 } from "../postgres/0010-external-identity.js";
import { AgentCommands0011 as PostgresAgentCommands0011 } from "../postgres/0011-agent-commands.js";
import { RowLevelSecurity0012 as PostgresRowLevelSecurity0012 } from "../postgres/0012-row-level-security.js";
import { CloudFidelity0013 as PostgresCloudFidelity0013 } from "../postgres/0013-cloud-fidelity.js";
import { PriceList0014 as PostgresPriceList0014 } from "../postgres/0014-price-list.js";
import { MspConsole0015 as PostgresMspConsole0015 } from "../postgres/0015-msp-console.js";
import { TenantCloudGrants0016 as PostgresTenantCloudGrants0016 } from "../postgres/0016-tenant-cloud-grants.js";
import type { Dialect } from "./database-target.js";

type MigrationClass = new () => MigrationInterface;

/** Both lists must keep the same numbers in the same order; a test checks it. */
export const POSTGRES_MIGRATIONS: MigrationClass[] = [
  PostgresFoundation0001,
  PostgresProvisioning0002,
  PostgresIdentity0003,
  PostgresBroker0004,
  PostgresGateway0005,
  PostgresUsage0006,
  PostgresReports0007,
  PostgresDesktopLogin0008,
  PostgresHistoryDetails0009,
  PostgresExternalIdentity0010,
  PostgresAgentCommands0011,
  PostgresRowLevelSecurity0012,
  PostgresCloudFidelity0013,
  PostgresPriceList0014,
  PostgresMspConsole0015,
  PostgresTenantCloudGrants0016,
];
export const MSSQL_MIGRATIONS: MigrationClass[] = [
  MssqlFoundation0001,
  MssqlProvisioning0002,
  MssqlIdentity0003,
  MssqlBroker0004,
  MssqlGateway0005,
  MssqlUsage0006,
  MssqlReports0007,
  MssqlDesktopLogin0008,
  MssqlHistoryDetails0009,
  MssqlExternalIdentity0010,
  MssqlAgentCommands0011,
  MssqlRowLevelSecurity0012,
  MssqlCloudFidelity0013,
  MssqlPriceList0014,
  MssqlMspConsole0015,
  MssqlTenantCloudGrants0016,
];

export function migrationsFor(dialect: Dialect): MigrationClass[] {
  return dialect === "mssql" ? MSSQL_MIGRATIONS : POSTGRES_MIGRATIONS;
}
