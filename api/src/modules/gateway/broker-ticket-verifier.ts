import type { PoolDesktopLogin } from "@atrium/schema";
import { decodeJwt } from "jose";
import type { AppServices } from "../../context/app-services.js";
import { openTunnel, TicketError, type TicketFailure, type TunnelDenial } from "../broker/index.js";
import type { SshCredentials, TicketVerdict, TicketVerifier, TunnelRefusal } from "./gateway.types.js";

const TICKET_FAILURES: Record<TicketFailure, TunnelRefusal> = {
  invalid: "invalid_ticket",
  expired: "expired_ticket",
  wrong_client: "wrong_client",
  already_used: "reused_ticket",
};

const DENIALS: Record<TunnelDenial, TunnelRefusal> = {
  user_gone: "access_denied",
  desktop_not_assigned: "desktop_unavailable",
  access_denied: "access_denied",
  not_entitled: "access_denied",
};

/** The subject a ticket claims, read without verifying it: only used to refuse early, never to grant. */
function claimedSubject(ticket: string): string | null {
  try {
    const sub = decodeJwt(ticket).sub;
    return typeof sub === "string" ? sub : null;
  } catch {
    return null;
  }
}

/**
 * Production verifier: the broker's `openTunnel` checks signature, expiry and client address, consumes the ticket
 * with one conditional UPDATE (so only one gateway node ever accepts it) and re-runs the access rules for the
 * client's location through the gateway. The pool's desktop sign-in travels in the grant, unsealed only here.
 */
export function createBrokerTicketVerifier(
  services: Pick<AppServices, "config" | "clock" | "dataSource" | "secretBox">,
) {
  const unseal = (login: PoolDesktopLogin | null): SshCredentials | undefined =>
    login
      ? {
          username: login.username,
          password: login.passwordEnc ? services.secretBox.open(login.passwordEnc) : undefined,
          privateKey: login.privateKeyEnc ? services.secretBox.open(login.privateKeyEnc) : undefined,
        }
      : undefined;
  const verify: TicketVerifier = async (presentation): Promise<TicketVerdict> => {
    // A client that also proved who it is must be the ticket's user; refused before the ticket is spent so that
    // somebody else presenting a leaked ticket cannot burn it for its owner.
    if (presentation.presenterUserId && claimedSubject(presentation.ticket) !== presentation.presenterUserId) {
      return { ok: false, refusal: "other_user", detail: "ticket presented by another signed-in user" };
    }
    try {
      const check = await openTunnel(services.dataSource.manager, services, presentation.ticket, {
        ip: presentation.clientIp,
        kind: presentation.kind ?? "web",
      });
      if (!check.allowed) return { ok: false, refusal: DENIALS[check.reason], detail: check.detail };
      const { claims } = check;
      return {
        ok: true,
        grant: {
          ticketId: claims.ticketId,
          tenantId: claims.tenantId,
          userId: claims.userId,
          desktopId: claims.desktopId,
          sessionId: claims.sessionId,
          protocol: claims.protocol,
          clientIp: claims.clientIp,
          target: { host: check.host, port: check.port },
          credentials: unseal(check.desktopLogin),
        },
      };
    } catch (error) {
      if (error instanceof TicketError) {
        return { ok: false, refusal: TICKET_FAILURES[error.reason], detail: error.message };
      }
      throw error;
    }
  };
  return verify;
}
