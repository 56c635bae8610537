export { createAppServices } from "./app-services.factory.js";
export { type AppConfig, loadConfig } from "./config/env.js";
export type { AppServices } from "./context/app-services.js";
export { DEMO_PASSWORD, DEMO_TENANTS, seedDemoData } from "./demo/demo-seed.js";
export { operationPermissions, printAppSchema } from "./graphql/schema.js";
export { createLogger } from "./observability/logger.js";
export { hashPassword } from "./security/passwords.js";
export { type ApiServer, startApiServer } from "./server/app.js";
