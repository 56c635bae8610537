export { createAppServices } from "./app-services.factory.js";
export { APP_ENV_NAMES, type AppConfig, loadConfig } from "./config/env.js";
export type { AppServices } from "./context/app-services.js";
export { acrossTenants, auditBypasses, tenantDb } from "./db/index.js";
export { DEMO_PASSWORD, DEMO_TENANTS, seedDemoData } from "./demo/demo-seed.js";
export { seedDemoUsage } from "./demo/demo-usage.js";

export {
  type AccessOutcome,
  clientOfRequest,
  decideAccessAtSignIn,
  decideForUser,
  locationNamesAt,
  type SignInAccessContext,
  type SignInSubject,
} from "./modules/access/index.js";

export * from "./modules/alerts/index.js";
export * from "./modules/broker/index.js";
export * from "./modules/desktop-agent/index.js";
export * from "./modules/gateway/index.js";
export * from "./modules/metering/index.js";
export { effectiveSizes, namePatternProblem, renderDesktopName } from "./modules/pools/index.js";
export * from "./modules/provisioning/index.js";
export * from "./modules/reports/index.js";
export { NODE_ROLE_PORTS, type NodeRole } from "./node/node-lifecycle.js";
export { createLogger } from "./observability/logger.js";
export { hashPassword } from "./security/passwords.js";
export { type ApiServer, startApiServer } from "./server/app.js";
export { operationPermissions, printAppSchema } from "./server/schema.js";
