import type { Database } from "@atrium/migrations";
import { TokenService } from "./auth/token.service.js";
import type { AppConfig } from "./config/env.js";
import type { AppServices } from "./context/app-services.js";
import { auditBypasses, enforceTenantSetting } from "./db/index.js";
import type { Logger } from "./observability/logger.js";
import { createMetrics } from "./observability/metrics.js";
import { resolveInstallationSecret } from "./security/installation-secret.js";
import { SecretBox } from "./security/secret-box.js";

export function createAppServices(
  config: AppConfig,
  database: Database,
  logger: Logger,
  clock: () => Date = () => new Date(),
): AppServices {
  // PostgreSQL and the embedded database carry the tenant policies (migration 0012); SQL Server's stay off for now.
  if (database.dialect === "postgres") enforceTenantSetting(database.dataSource);
  auditBypasses(database.dataSource, logger);
  const secret = resolveInstallationSecret(config.ATRIUM_SECRET, config.ATRIUM_DATA_DIR);
  return {
    config,
    dataSource: database.dataSource,
    logger,
    metrics: createMetrics(),
    secretBox: new SecretBox(secret),
    tokens: new TokenService(secret, config.ACCESS_TOKEN_TTL_SECONDS, config.REFRESH_TOKEN_TTL_SECONDS, clock),
    clock,
  };
}
