import type { AgentCommand } from "@atrium/schema";
import { z } from "zod";

export const AGENT_EVENTS = ["boot", "login", "logout", "lock", "unlock", "disconnect", "idle", "heartbeat"] as const;
export type AgentEventName = (typeof AGENT_EVENTS)[number];

/** What a desktop agent may send; anything else is refused with 400 (the agent is outside our trust boundary). */
export const agentEventSchema = z.strictObject({
  event: z.enum(AGENT_EVENTS),
  /** Desktop login name as the OS reports it (DOMAIN\\user, user@domain or user). */
  username: z.string().trim().min(1).max(255).optional(),
  agentVersion: z.string().max(64).optional(),
});
export type AgentEvent = z.infer<typeof agentEventSchema>;

/**
 * What the agent should do next: "logout" ends a rogue session the policy does not allow; `commands` are the
 * helpdesk's requests (end or disconnect a session, show the user a message), each handed over once.
 */
export interface AgentReply {
  ok: true;
  action: "none" | "logout";
  sessionId: string | null;
  commands: AgentCommand[];
}
