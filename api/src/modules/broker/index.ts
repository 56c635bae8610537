export {
  type AccessOutcome,
  decideForUser,
  type SignInSubject,
} from "./access/access-decision.service.js";
export { clientOfRequest } from "./access/client-context.js";
export { locationNamesAt } from "./access/location-rows.js";
export { decideAccessAtSignIn, type SignInAccessContext } from "./access/sign-in-access.js";
export { createAgentRouter } from "./agent/agent.router.js";
export {
  AGENT_EVENTS,
  type AgentEvent,
  type AgentEventName,
  type AgentReply,
  agentEventSchema,
} from "./agent/agent.schemas.js";
export { handleAgentEvent, normalizeLogin } from "./agent/agent.service.js";
export {
  type AgentPlatform,
  LINUX_AGENT_TEMPLATE,
  renderAgentScript,
  WINDOWS_AGENT_TEMPLATE,
} from "./agent/agent-scripts.js";
export { authenticateAgent, issueDesktopAgentToken } from "./agent/agent-token.js";
export { BROKER_REASONS } from "./broker.errors.js";
export { BROKER_RESOLVERS } from "./broker.resolvers.js";
export { buildRdpFile, chooseProtocol } from "./connect/connection-plan.js";
export {
  issueTicket,
  TICKET_TTL_SECONDS,
  type TicketClaims,
  TicketError,
  type TicketFailure,
  verifyAndConsumeTicket,
} from "./connect/tickets.js";
export { openTunnel, recheckAccessForTunnel, type TunnelCheck, type TunnelDenial } from "./connect/tunnel-access.js";
export { releaseAssignment, requestPower } from "./sessions/lifecycle.service.js";
export {
  BROKER_TIMERS_EVERY_MS,
  brokerTimersJob,
  brokerTimersSchedule,
  registerBrokerJobs,
} from "./timers/timers.job.js";
export { runDueTimers, type TimerRunResult } from "./timers/timers.service.js";
