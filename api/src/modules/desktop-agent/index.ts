export { createAgentRouter } from "./agent.router.js";
export {
  AGENT_EVENTS,
  type AgentEvent,
  type AgentEventName,
  type AgentReply,
  agentEventSchema,
} from "./agent.schemas.js";
export { handleAgentEvent, normalizeLogin } from "./agent.service.js";
export {
  type AgentPlatform,
  LINUX_AGENT_TEMPLATE,
  renderAgentScript,
  WINDOWS_AGENT_TEMPLATE,
} from "./agent-scripts.js";
export { authenticateAgent, issueDesktopAgentToken, issueDesktopAgentTokens } from "./agent-token.js";
