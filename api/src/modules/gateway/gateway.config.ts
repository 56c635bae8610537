import os from "node:os";
import { z } from "zod";

const portRange = z
  .string()
  .regex(/^\d{1,5}-\d{1,5}$/, "use FIRST-LAST, e.g. 20001-23000")
  .transform((value) => {
    const [first, last] = value.split("-").map(Number) as [number, number];
    return { first, last };
  })
  .refine(({ first, last }) => first >= 1 && last <= 65535 && first <= last, "the range must lie within 1-65535");

const optionalAddress = z
  .string()
  .optional()
  .transform((value) => (value?.trim() ? value.trim() : undefined))
  .refine((value) => value === undefined || /^[^:\s]+:\d{1,5}$/.test(value), "use HOST:PORT");

const envSchema = z.object({
  GATEWAY_HOST: z.string().default("127.0.0.1"),
  GATEWAY_PORT: z.coerce.number().int().min(0).max(65535).default(4100),
  /** Name of this node in tunnel records; unique per gateway process behind a load balancer. */
  GATEWAY_NODE_ID: z.string().min(1).max(100).optional(),
  /** Ports handed out for native-client forwarding (Leostream uses 20001-23000). */
  GATEWAY_PORT_RANGE: portRange.default({ first: 20001, last: 23000 }),
  /** Address the forwarding listeners bind to, and the host name given to clients. */
  GATEWAY_FORWARD_BIND: z.string().default("127.0.0.1"),
  GATEWAY_PUBLIC_HOST: z.string().optional(),
  /** Minutes a forwarded port stays open after the last client connection closed (Leostream: 1–15). */
  GATEWAY_FORWARD_GRACE_SECONDS: z.coerce.number().int().min(1).max(900).default(120),
  GUACD_ADDRESS: optionalAddress,
  GATEWAY_MAX_MESSAGE_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(4 * 1024 * 1024),
  GATEWAY_IDLE_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(86_400).default(3600),
  GATEWAY_HEARTBEAT_SECONDS: z.coerce.number().int().min(1).max(300).default(20),
  GATEWAY_MAX_TUNNELS_PER_USER: z.coerce.number().int().min(1).max(100).default(4),
  /** How often an open tunnel's byte counts are written to its record: what a crashed node's record keeps. */
  GATEWAY_BYTES_FLUSH_SECONDS: z.coerce.number().int().min(1).max(300).default(10),
  /** A gateway renews its liveness lease every third of this; expired, the other gateways close its tunnels. */
  GATEWAY_LEASE_SECONDS: z.coerce.number().int().min(3).max(600).default(30),
});

/** The GATEWAY_* / GUACD_* settings a gateway reads (deployment files are checked against them). */
export const GATEWAY_ENV_NAMES: readonly string[] = Object.keys(envSchema.shape);

export interface GatewaySettings {
  host: string;
  port: number;
  nodeId: string;
  portRange: { first: number; last: number };
  forwardBind: string;
  publicHost: string;
  forwardGraceMs: number;
  guacdAddress: { host: string; port: number } | null;
  maxMessageBytes: number;
  idleTimeoutMs: number;
  heartbeatMs: number;
  maxTunnelsPerUser: number;
  bytesFlushMs: number;
  leaseMs: number;
}

export class GatewayConfigError extends Error {}

/** Reads the GATEWAY_* / GUACD_* settings; everything has a default so `npm start` needs none. */
export function loadGatewaySettings(env: NodeJS.ProcessEnv): GatewaySettings {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; ");
    throw new GatewayConfigError(`Invalid gateway configuration: ${problems}`);
  }
  const value = parsed.data;
  const guacd = value.GUACD_ADDRESS?.split(":");
  return {
    host: value.GATEWAY_HOST,
    port: value.GATEWAY_PORT,
    nodeId: value.GATEWAY_NODE_ID ?? env.ATRIUM_NODE_ID ?? `${os.hostname()}:${value.GATEWAY_PORT}`,
    portRange: value.GATEWAY_PORT_RANGE,
    forwardBind: value.GATEWAY_FORWARD_BIND,
    publicHost: value.GATEWAY_PUBLIC_HOST ?? value.GATEWAY_FORWARD_BIND,
    forwardGraceMs: value.GATEWAY_FORWARD_GRACE_SECONDS * 1000,
    guacdAddress: guacd ? { host: guacd[0]!, port: Number(guacd[1]) } : null,
    maxMessageBytes: value.GATEWAY_MAX_MESSAGE_BYTES,
    idleTimeoutMs: value.GATEWAY_IDLE_TIMEOUT_SECONDS * 1000,
    heartbeatMs: value.GATEWAY_HEARTBEAT_SECONDS * 1000,
    maxTunnelsPerUser: value.GATEWAY_MAX_TUNNELS_PER_USER,
    bytesFlushMs: value.GATEWAY_BYTES_FLUSH_SECONDS * 1000,
    leaseMs: value.GATEWAY_LEASE_SECONDS * 1000,
  };
}
