import { Counter, collectDefaultMetrics, Histogram, Registry } from "prom-client";

export interface AppMetrics {
  registry: Registry;
  httpRequests: Histogram<"method" | "route" | "status">;
  graphqlOperations: Counter<"operation" | "outcome">;
}

/** One registry per app instance, so several servers in one process (tests) never collide. */
export function createMetrics(): AppMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "atrium_" });
  return {
    registry,
    httpRequests: new Histogram({
      name: "atrium_http_request_duration_seconds",
      help: "HTTP request duration",
      labelNames: ["method", "route", "status"],
      registers: [registry],
    }),
    graphqlOperations: new Counter({
      name: "atrium_graphql_operations_total",
      // "query users", "mutation createUser": bounded by the schema, never the client's own operation name.
      help: "GraphQL operations by type and root field, and outcome",
      labelNames: ["operation", "outcome"],
      registers: [registry],
    }),
  };
}
