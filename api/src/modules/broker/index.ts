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
export {
  cancelTimers,
  openAssignment,
  releaseAssignment,
  requestPower,
  scheduleAfterSessionEvent,
} from "./sessions/lifecycle.service.js";
export { takeAgentCommands } from "./sessions/session-actions.service.js";
export {
  BROKER_TIMERS_EVERY_MS,
  brokerTimersJob,
  brokerTimersSchedule,
  registerBrokerJobs,
} from "./timers/timers.job.js";
export { runDueTimers, type TimerRunResult } from "./timers/timers.service.js";
