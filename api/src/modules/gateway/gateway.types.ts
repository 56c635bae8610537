/** Why a tunnel was refused; each maps to one WebSocket close code (see close-codes.ts). */
export type TunnelRefusal =
  | "invalid_ticket"
  | "expired_ticket"
  | "reused_ticket"
  | "wrong_client"
  | "other_user"
  | "access_denied"
  | "desktop_unavailable"
  | "wrong_protocol"
  | "too_many_tunnels"
  | "wrong_destination"
  | "bad_request";

export type TunnelProtocol = "VNC" | "SSH" | "RDP";

export interface SshCredentials {
  username: string;
  password?: string;
  privateKey?: string;
}

/** What a verified, consumed ticket lets the gateway do. */
export interface TunnelGrant {
  ticketId: string;
  tenantId: string;
  userId: string;
  desktopId: string;
  sessionId: string | null;
  protocol: string;
  clientIp: string;
  target: { host: string; port: number };
  /** Desktop credentials held by the broker (never the browser), e.g. for SSH. */
  credentials?: SshCredentials;
}

export type TicketVerdict = { ok: true; grant: TunnelGrant } | { ok: false; refusal: TunnelRefusal; detail: string };

export interface TicketPresentation {
  ticket: string;
  /** The client address as the gateway resolved it (trusted proxies applied); null when unknown. */
  clientIp: string | null;
  /** The user who presents the ticket, when the client also proved who it is (access token). */
  presenterUserId?: string | null;
  kind?: "web" | "native";
}

/**
 * Consumes a ticket (single use across every gateway node) and re-checks access. The production implementation
 * delegates to the broker; tests and the benchmark may pass their own.
 */
export type TicketVerifier = (presentation: TicketPresentation) => Promise<TicketVerdict>;

/**
 * Where a granted tunnel really goes when that differs from the desktop's address: only `npm start`'s demo mode sets
 * one (its simulated desktops are drawn by a demo server on the loopback interface). Null keeps the ticket's target.
 */
export type TunnelDestinationOverride = (grant: TunnelGrant) => Promise<{ host: string; port: number } | null>;

/** Desktop credentials for protocols the gateway logs into itself (SSH, RDP via guacd or RDCleanPath). */
export type CredentialSource = (grant: TunnelGrant) => Promise<SshCredentials | null>;

/** Why a tunnel ended; recorded on the tunnel row for reports. */
export type TunnelEndReason =
  | "client_closed"
  | "desktop_closed"
  | "idle_timeout"
  | "heartbeat_lost"
  | "message_too_big"
  | "desktop_unreachable"
  | "desktop_auth_failed"
  | "credentials_missing"
  | "guacd_unavailable"
  | "desktop_negotiation_failed"
  | "gateway_shutdown"
  | "forward_grace_elapsed"
  | "error";
