import { ConnectResolver } from "./connect/connect.resolver.js";
import { ExplainResolver } from "./explain/explain.resolver.js";
import { DesktopSessionsResolver } from "./sessions/sessions.resolver.js";
import { UserSessionsResolver } from "./sessions/user-sessions.resolver.js";

/** Every broker resolver, registered once in graphql/resolvers.ts. */
export const BROKER_RESOLVERS = [
  ExplainResolver,
  ConnectResolver,
  DesktopSessionsResolver,
  UserSessionsResolver,
] as const;
