import type { DataSource } from "typeorm";
import type { TokenService } from "../auth/token.service.js";
import type { AppConfig } from "../config/env.js";
import type { Logger } from "../observability/logger.js";
import type { AppMetrics } from "../observability/metrics.js";
import type { SecretBox } from "../security/secret-box.js";

/** Process-wide collaborators, built once at start-up and shared by every request. */
export interface AppServices {
  config: AppConfig;
  dataSource: DataSource;
  logger: Logger;
  metrics: AppMetrics;
  secretBox: SecretBox;
  tokens: TokenService;
  clock: () => Date;
}
