import { z } from "zod";

const booleanFlag = z
  .enum(["0", "1", "true", "false", ""])
  .optional()
  .transform((value) => value === "1" || value === "true");

const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  HOST: z.string().default("127.0.0.1"),
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  PORTAL_PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** Base URL at which desktops reach this API (their agents post to `/agent/v1/events`); default http://HOST:PORT. */
  ATRIUM_BROKER_URL: z.url({ protocol: /^https?$/ }).optional(),
  DATABASE_URL: z.string().optional(),
  ATRIUM_DATA_DIR: z.string().default(".data"),
  /** Signs tokens and encrypts secrets at rest. Generated and kept in the data folder when unset (embedded mode). */
  ATRIUM_SECRET: z.string().min(32, "ATRIUM_SECRET must be at least 32 characters").optional(),
  ATRIUM_DEMO: booleanFlag,
  ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(30).max(86_400).default(900),
  REFRESH_TOKEN_TTL_SECONDS: z.coerce
    .number()
    .int()
    .min(300)
    .default(7 * 86_400),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /**
   * Comma-separated browser origins allowed to call the API (`https://*.example.com` for tenant subdomains). The
   * portal calls the API from its server, so this is only for browser code on the portal's origin; default: the
   * portal as `npm start` serves it, http://HOST:PORTAL_PORT.
   */
  API_CORS_ORIGINS: z.string().optional(),
  /**
   * Comma-separated CIDRs of this process's own reverse proxies, whose X-Forwarded-For it believes (the right-most
   * address that is not one of them is the client). Empty by default: nobody is believed until configured. The
   * portal is not a proxy of the API: it vouches for the browser's address with ATRIUM_PORTAL_CLIENT_KEY instead.
   */
  TRUSTED_PROXIES: z.string().default(""),
  /**
   * Key the portal signs browser addresses with (32+ characters, the same on API and portal when they run as
   * separate processes); derived from the installation secret when unset, and handed to the portal by `npm start`.
   */
  ATRIUM_PORTAL_CLIENT_KEY: z.string().min(32, "ATRIUM_PORTAL_CLIENT_KEY must be at least 32 characters").optional(),
  /** Set when gateways run as their own processes (`node api/dist/gateway.js`); `npm start` then runs none. */
  ATRIUM_SEPARATE_GATEWAY: booleanFlag,
  /**
   * Where browsers reach the portal, as they type it (its TLS-terminating reverse proxy), e.g.
   * https://desktops.example.com. The portal relays the SSO endpoints, so the SAML ACS, the OIDC redirect URI and the
   * SP metadata are built on it, never on the scheme or host a request arrived with (behind an https proxy those
   * say http://127.0.0.1:…, which Entra ID, ADFS and Okta refuse).
   */
  ATRIUM_PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
  /** Where browsers and IdPs reach this API directly, when no portal fronts its SSO endpoints. */
  API_PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
  /** Where browsers reach the gateway (its load balancer); defaults to the in-process gateway's own address. */
  GATEWAY_PUBLIC_URL: z.string().url().optional(),
  /**
   * Name of this node in logs, metrics, lease holders and job claims; unique per process behind a load balancer.
   * Default `<host name>-<role>` (several nodes of one role on one host must set it).
   */
  ATRIUM_NODE_ID: z
    .string()
    .regex(/^[A-Za-z0-9._:-]{1,60}$/, "letters, digits and . _ : - (at most 60)")
    .optional(),
  /** Database connections this process keeps at most (PostgreSQL: sum over nodes < max_connections). */
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(500).default(10),
  /**
   * On SIGTERM, /readyz answers 503 for this long before the node stops accepting, so the load balancer's health
   * checks take it out of rotation first (set it above the balancer's check interval × fall count).
   */
  ATRIUM_DRAIN_SECONDS: z.coerce.number().min(0).max(300).default(0),
  /** Then in-flight requests, jobs, pool passes and tunnels get this long to finish before they are cut. */
  ATRIUM_SHUTDOWN_TIMEOUT_SECONDS: z.coerce.number().min(1).max(3600).default(25),
  /** Port of a worker node's /healthz, /readyz and /metrics (api and gateway nodes serve them on their own port). */
  WORKER_PORT: z.coerce.number().int().min(0).max(65535).default(4200),
  // Limits on one GraphQL document, checked before authentication (api/src/server/query-limits.ts). The portal's
  // documents stay below the defaults; test/src/integration/query-limits.test.ts sends each one through them.
  /**
   * Lexical tokens in the document; the parser stops there. The costliest document to validate grows with the square
   * of this (see query-limits.ts): 1,000 keeps it to a few milliseconds, ten times the portal's largest document.
   */
  GRAPHQL_MAX_TOKENS: z.coerce.number().int().min(100).max(100_000).default(1_000),
  /** Nesting of fields, fragments and introspection included. */
  GRAPHQL_MAX_DEPTH: z.coerce.number().int().min(2).max(50).default(10),
  /** Aliased fields, counted through fragments. */
  GRAPHQL_MAX_ALIASES: z.coerce.number().int().min(1).max(1_000).default(20),
  /** Directives (`@include`, `@skip`…), counted through fragments. */
  GRAPHQL_MAX_DIRECTIVES: z.coerce.number().int().min(1).max(1_000).default(30),
  /** Field cost of the expanded operation (graphql-armor: object 2, scalar 1, ×1.5 a level, ×`first` literal). */
  GRAPHQL_MAX_COST: z.coerce.number().int().min(100).max(10_000_000).default(50_000),
});

export type AppConfig = z.infer<typeof envSchema>;

/** Every setting this schema reads: deployment files may set these and no others (deploy-files.test.ts). */
export const APP_ENV_NAMES: readonly string[] = Object.keys(envSchema.shape);

export class ConfigError extends Error {}

/** Where the desktop agents that provisioning puts into user-data report to. */
export function brokerUrlOf(config: AppConfig): string {
  return (config.ATRIUM_BROKER_URL ?? `http://${config.HOST}:${config.PORT}`).replace(/\/+$/, "");
}

/** The portal's public address (ATRIUM_PUBLIC_URL) for links in mails, or null when it is not configured. */
export function portalPublicUrlOf(config: Pick<AppConfig, "ATRIUM_PUBLIC_URL">): string | null {
  return config.ATRIUM_PUBLIC_URL?.replace(/\/+$/, "") ?? null;
}

/** The only place that reads `process.env`: everything else receives a validated config. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; ");
    throw new ConfigError(`Invalid configuration: ${problems}`);
  }
  if (parsed.data.NODE_ENV === "production" && !parsed.data.ATRIUM_SECRET) {
    throw new ConfigError("Invalid configuration: ATRIUM_SECRET is required in production");
  }
  return parsed.data;
}
