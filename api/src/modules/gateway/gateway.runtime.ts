import fs from "node:fs";
import type { Registry } from "prom-client";
import { z } from "zod";
import type { AppServices } from "../../context/app-services.js";
import { NodeLifecycle } from "../../node/node-lifecycle.js";
import { parseTrustedProxies } from "../access/index.js";
import { createBrokerTicketVerifier } from "./broker-ticket-verifier.js";
import { loadGatewaySettings } from "./gateway.config.js";
import { createGatewayMetrics } from "./gateway.metrics.js";
import { type GatewayServer, startGateway } from "./gateway.server.js";
import type { CredentialSource, TicketVerifier, TunnelDestinationOverride } from "./gateway.types.js";
import { TunnelRecorder } from "./tunnel-recorder.js";

const credentialEnv = z.object({
  GATEWAY_DESKTOP_USERNAME: z.string().min(1).max(255).optional(),
  GATEWAY_DESKTOP_PASSWORD: z.string().max(1024).optional(),
  GATEWAY_DESKTOP_PRIVATE_KEY_FILE: z.string().optional(),
});

/**
 * Desktop sign-in for SSH/RDP-through-guacd: one service account baked into the desktop images (e.g. by the pool's
 * user-data). Returns null when none is configured, and SSH tunnels are then refused with a clear reason.
 */
export function credentialsFromEnv(env: NodeJS.ProcessEnv): CredentialSource | undefined {
  const value = credentialEnv.parse(env);
  if (!value.GATEWAY_DESKTOP_USERNAME) return undefined;
  const privateKey = value.GATEWAY_DESKTOP_PRIVATE_KEY_FILE
    ? fs.readFileSync(value.GATEWAY_DESKTOP_PRIVATE_KEY_FILE, "utf8")
    : undefined;
  const credentials = {
    username: value.GATEWAY_DESKTOP_USERNAME,
    password: value.GATEWAY_DESKTOP_PASSWORD,
    privateKey,
  };
  return async () => credentials;
}

export interface InProcessGatewayOptions {
  env?: NodeJS.ProcessEnv;
  /** Defaults to the API's registry, so /metrics shows the gateway's series too. */
  registry?: Registry;
  credentials?: CredentialSource;
  /** Demo mode only: leads tunnels to simulated desktops to the demo desktop server (see demo-desktop-server.ts). */
  destinationOverride?: TunnelDestinationOverride;
  /** The node this gateway is part of (its /readyz); default a lone `all` node. */
  lifecycle?: NodeLifecycle;
}

/** The verifier with the override applied to what it grants; the ticket and access checks are unchanged. */
function withDestinationOverride(verifier: TicketVerifier, override?: TunnelDestinationOverride): TicketVerifier {
  if (!override) return verifier;
  return async (presentation) => {
    const verdict = await verifier(presentation);
    if (!verdict.ok) return verdict;
    const target = await override(verdict.grant);
    return target ? { ok: true, grant: { ...verdict.grant, target } } : verdict;
  };
}

/**
 * Runs a gateway node next to the API in one process (`npm start`) or on its own (`node api/dist/gateway.js`):
 * tickets are verified and consumed through the broker, tunnels recorded in gateway_tunnel.
 */
export function startGatewayForServices(
  services: AppServices,
  options: InProcessGatewayOptions = {},
): Promise<GatewayServer> {
  const env = options.env ?? process.env;
  const settings = loadGatewaySettings(env);
  const lifecycle = options.lifecycle ?? NodeLifecycle.of(services.config, "all");
  const registry = options.registry ?? services.metrics.registry;
  lifecycle.registerMetrics(registry);
  return startGateway({
    settings,
    verifier: withDestinationOverride(createBrokerTicketVerifier(services), options.destinationOverride),
    recorder: new TunnelRecorder(services.dataSource, settings.nodeId, services.clock),
    metrics: createGatewayMetrics(registry),
    registry,
    readiness: () => lifecycle.readiness(services.dataSource),
    logger: services.logger.child({ component: "gateway", node: settings.nodeId }),
    trustedProxies: parseTrustedProxies(
      services.config.TRUSTED_PROXIES.split(",")
        .map((entry) => entry.trim())
        .filter(Boolean),
    ),
    credentials: options.credentials ?? credentialsFromEnv(env),
    authenticatePresenter: async (token) => {
      try {
        return (await services.tokens.verifyAccess(token)).sub;
      } catch {
        return null;
      }
    },
  });
}
