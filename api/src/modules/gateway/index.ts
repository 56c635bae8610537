export { createBrokerTicketVerifier } from "./broker-ticket-verifier.js";
export { END_CLOSE, REFUSAL_CLOSE } from "./close-codes.js";
export type { OpenForward } from "./forward/port-forwarder.js";
export {
  GATEWAY_ENV_NAMES,
  GatewayConfigError,
  type GatewaySettings,
  loadGatewaySettings,
} from "./gateway.config.js";
export { createGatewayMetrics, type GatewayMetrics } from "./gateway.metrics.js";
export { credentialsFromEnv, type InProcessGatewayOptions, startGatewayForServices } from "./gateway.runtime.js";
export { type GatewayDependencies, type GatewayServer, startGateway } from "./gateway.server.js";
export type {
  CredentialSource,
  SshCredentials,
  TicketPresentation,
  TicketVerdict,
  TicketVerifier,
  TunnelDestinationOverride,
  TunnelEndReason,
  TunnelGrant,
  TunnelRefusal,
} from "./gateway.types.js";
export { encodeInstruction, GuacamoleProtocolError, InstructionReader } from "./relays/guacamole.protocol.js";
export { type GuacdConnection, guacdHandshake } from "./relays/guacd.handshake.js";
export { TunnelRecorder, type TunnelRecordStore, type TunnelTotals } from "./tunnel-recorder.js";
