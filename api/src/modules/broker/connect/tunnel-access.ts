import type { ClientKind, PoolDesktopLogin } from "@atrium/schema";
import type { EntityManager } from "typeorm";
import type { AppServices } from "../../../context/app-services.js";
import type { OneTenantDb } from "../../../db/index.js";
import { decideForUser, findTenantUser } from "../../access/index.js";
import { type TicketClaims, ticketDb, verifyAndConsumeTicket } from "./tickets.js";

export type TunnelDenial = "user_gone" | "desktop_not_assigned" | "access_denied" | "not_entitled";

export type TunnelCheck =
  | {
      allowed: true;
      host: string;
      port: number;
      protocol: string;
      claims: TicketClaims;
      /** The pool's sealed desktop sign-in, for protocols the gateway logs in to itself. */
      desktopLogin: PoolDesktopLogin | null;
    }
  | { allowed: false; reason: TunnelDenial; detail: string };

/**
 * The third enforcement point (after sign-in and connect): when a tunnel opens, the rules are run again for the
 * ticket's user, now, from the client's address, *through the gateway*; and the desktop must still be theirs.
 */
export async function recheckAccessForTunnel(
  db: OneTenantDb,
  services: Pick<AppServices, "clock">,
  claims: TicketClaims,
  client: { ip: string | null; kind?: ClientKind },
): Promise<TunnelCheck> {
  const user = await findTenantUser(db, claims.userId);
  if (!user || user.disabled) return { allowed: false, reason: "user_gone", detail: "the user no longer exists" };
  const desktop = await db.desktops.findOne({ id: claims.desktopId, assignedUserId: user.id });
  if (!desktop) return { allowed: false, reason: "desktop_not_assigned", detail: "the desktop is no longer assigned" };
  const { decision, policy } = await decideForUser(
    db,
    user,
    { ip: client.ip, kind: client.kind ?? "web", viaGateway: true },
    services.clock(),
  );
  if (!decision.allowed || !policy) return { allowed: false, reason: "access_denied", detail: decision.detail };
  const entitled = await db.poolEntitlements.count({ policyId: policy.id, poolId: desktop.poolId });
  if (!entitled) return { allowed: false, reason: "not_entitled", detail: "the user's policy no longer offers it" };
  const pool = await db.pools.findOne({ id: desktop.poolId }, { select: { id: true, desktopLogin: true } });
  return {
    allowed: true,
    host: claims.host,
    port: claims.port,
    protocol: claims.protocol,
    claims,
    desktopLogin: pool?.desktopLogin ?? null,
  };
}

/** Both gateway steps in one call: consume the ticket (single use), then re-check access. Throws TicketError. */
export async function openTunnel(
  manager: EntityManager,
  services: Pick<AppServices, "config" | "clock">,
  token: string,
  client: { ip: string | null; kind?: ClientKind },
): Promise<TunnelCheck> {
  const claims = await verifyAndConsumeTicket(manager, services, token, client.ip);
  return recheckAccessForTunnel(ticketDb(manager, claims), services, claims, client);
}
