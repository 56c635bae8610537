import type { TunnelEndReason, TunnelRefusal } from "./gateway.types.js";

/**
 * WebSocket close codes the viewer understands (4000–4999 are for applications). The viewer shows `reason`
 * as-is, so it is written for the user; it never contains the ticket or internal details.
 */
export const REFUSAL_CLOSE: Record<TunnelRefusal, { code: number; reason: string }> = {
  invalid_ticket: { code: 4401, reason: "The connection ticket is not valid" },
  expired_ticket: { code: 4402, reason: "The connection ticket has expired; connect again from the portal" },
  reused_ticket: { code: 4403, reason: "The connection ticket was already used; connect again from the portal" },
  wrong_client: { code: 4404, reason: "The connection ticket was issued to another client address" },
  other_user: { code: 4405, reason: "The connection ticket belongs to another user" },
  access_denied: { code: 4406, reason: "Access to this desktop is not allowed from your location" },
  desktop_unavailable: { code: 4407, reason: "The desktop is no longer assigned to you" },
  wrong_protocol: { code: 4408, reason: "The ticket is for another display protocol" },
  too_many_tunnels: { code: 4409, reason: "You have too many open desktop connections" },
  wrong_destination: { code: 4418, reason: "The viewer asked for another desktop than the ticket's" },
  bad_request: { code: 4419, reason: "The viewer sent a request the gateway does not understand" },
};

export const END_CLOSE: Record<TunnelEndReason, { code: number; reason: string }> = {
  client_closed: { code: 1000, reason: "Disconnected" },
  desktop_closed: { code: 4410, reason: "The desktop closed the connection" },
  idle_timeout: { code: 4411, reason: "Disconnected after a period of inactivity" },
  heartbeat_lost: { code: 4412, reason: "The connection stopped responding" },
  message_too_big: { code: 1009, reason: "Message too big" },
  desktop_unreachable: { code: 4413, reason: "The desktop cannot be reached" },
  desktop_auth_failed: { code: 4414, reason: "The gateway could not sign in to the desktop" },
  credentials_missing: { code: 4415, reason: "The gateway has no sign-in for this desktop" },
  guacd_unavailable: {
    code: 4416,
    reason: "RDP in the browser is not available here; download the RDP file to use port forwarding",
  },
  desktop_negotiation_failed: { code: 4417, reason: "The desktop does not offer a TLS connection for RDP" },
  gateway_shutdown: { code: 1001, reason: "The gateway is shutting down" },
  forward_grace_elapsed: { code: 1000, reason: "Forwarding closed" },
  error: { code: 1011, reason: "The gateway hit an unexpected error" },
};
