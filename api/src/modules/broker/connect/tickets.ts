import { randomUUID } from "node:crypto";
import { errors as joseErrors, jwtVerify, SignJWT } from "jose";
import type { EntityManager } from "typeorm";
import { z } from "zod";
import type { AppServices } from "../../../context/app-services.js";
import { type OneTenantDb, tenantDb } from "../../../db/index.js";
import { resolveInstallationSecret } from "../../../security/installation-secret.js";
import { deriveKey, KEY_LABELS } from "../../../security/key-derivation.js";

/** Short on purpose: the portal hands the ticket to the gateway right away; a leaked ticket dies quickly. */
export const TICKET_TTL_SECONDS = 60;
const ISSUER = "atrium-broker";
const AUDIENCE = "atrium-gateway";

export interface TicketClaims {
  ticketId: string;
  tenantId: string;
  userId: string;
  desktopId: string;
  sessionId: string;
  clientIp: string;
  protocol: string;
  host: string;
  port: number;
}

const claimsSchema = z.object({
  jti: z.string().uuid(),
  sub: z.string().uuid(),
  tid: z.string().uuid(),
  dsk: z.string().uuid(),
  sid: z.string().uuid(),
  ip: z.string().min(1).max(64),
  proto: z.string().min(1).max(16),
  host: z.string().min(1).max(255),
  port: z.number().int().min(1).max(65535),
});

export type TicketFailure = "invalid" | "expired" | "wrong_client" | "already_used";

export class TicketError extends Error {
  constructor(readonly reason: TicketFailure) {
    super(`connection ticket rejected: ${reason}`);
    this.name = "TicketError";
  }
}

const keys = new WeakMap<AppServices["config"], Uint8Array>();

/** Derived from the installation secret, separate from the access-token key, so neither can stand in for the other. */
function ticketKey(services: Pick<AppServices, "config">): Uint8Array {
  let key = keys.get(services.config);
  if (!key) {
    const secret = resolveInstallationSecret(services.config.ATRIUM_SECRET, services.config.ATRIUM_DATA_DIR);
    key = deriveKey(secret, KEY_LABELS.gatewayTickets);
    keys.set(services.config, key);
  }
  return key;
}

/**
 * The gateway's door for a presented ticket: the tenant the broker signed into it, never anything the client says.
 * A tunnel has no caller context of its own; this is where its tenant scope comes from.
 */
export function ticketDb(manager: EntityManager, claims: Pick<TicketClaims, "tenantId">): OneTenantDb {
  return tenantDb(manager, claims.tenantId).requireTenant();
}

/** Signs a ticket and records it (same transaction as the session) so it can be consumed exactly once. */
export async function issueTicket(
  db: OneTenantDb,
  services: Pick<AppServices, "config" | "clock">,
  claims: Omit<TicketClaims, "ticketId" | "tenantId">,
): Promise<{ token: string; expiresAt: Date }> {
  const ticketId = randomUUID();
  const issuedAt = Math.floor(services.clock().getTime() / 1000);
  const expiresAt = new Date((issuedAt + TICKET_TTL_SECONDS) * 1000);
  // One INSERT (insertMany), as before: this runs inside the connect transaction, whose statements are counted.
  await db.connectionTickets.insertMany([
    {
      id: ticketId,
      userId: claims.userId,
      desktopId: claims.desktopId,
      sessionId: claims.sessionId,
      clientIp: claims.clientIp,
      protocol: claims.protocol,
      expiresAt,
      consumedAt: null,
    },
  ]);
  const token = await new SignJWT({
    tid: db.tenantId,
    dsk: claims.desktopId,
    sid: claims.sessionId,
    ip: claims.clientIp,
    proto: claims.protocol,
    host: claims.host,
    port: claims.port,
  })
    .setProtectedHeader({ alg: "HS256" })
    .setJti(ticketId)
    .setSubject(claims.userId)
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt(issuedAt)
    .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
    .sign(ticketKey(services));
  return { token, expiresAt };
}

/**
 * For the gateway: checks signature, expiry and that the ticket is presented from the address it was issued to,
 * then consumes it with one conditional UPDATE — of any number of gateway processes racing with the same ticket,
 * exactly one succeeds. Throws TicketError otherwise. Re-check access afterwards with `recheckAccessForTunnel`.
 */
export async function verifyAndConsumeTicket(
  manager: EntityManager,
  services: Pick<AppServices, "config" | "clock">,
  token: string,
  clientIp: string | null,
): Promise<TicketClaims> {
  const now = services.clock();
  let payload: unknown;
  try {
    ({ payload } = await jwtVerify(token, ticketKey(services), {
      issuer: ISSUER,
      audience: AUDIENCE,
      algorithms: ["HS256"],
      currentDate: now,
    }));
  } catch (error) {
    throw new TicketError(error instanceof joseErrors.JWTExpired ? "expired" : "invalid");
  }
  const parsed = claimsSchema.safeParse(payload);
  if (!parsed.success) throw new TicketError("invalid");
  const claims = parsed.data;
  if (!clientIp || clientIp !== claims.ip) throw new TicketError("wrong_client");
  const consumed = await ticketDb(manager, { tenantId: claims.tid }).connectionTickets.updateWhere(
    "id = :id AND consumed_at IS NULL AND expires_at > :now",
    { consumedAt: now },
    { id: claims.jti, now },
  );
  if (consumed !== 1) throw new TicketError("already_used");
  return {
    ticketId: claims.jti,
    tenantId: claims.tid,
    userId: claims.sub,
    desktopId: claims.dsk,
    sessionId: claims.sid,
    clientIp: claims.ip,
    protocol: claims.proto,
    host: claims.host,
    port: claims.port,
  };
}
