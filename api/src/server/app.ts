import { randomUUID } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { ApolloServer } from "@apollo/server";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import { expressMiddleware } from "@as-integrations/express5";
import cors from "cors";
import express, { type NextFunction, type Request, type Response } from "express";
import type { AppServices } from "../context/app-services.js";
import { isDatabaseUnreachable, unavailableMessage } from "../errors/database-unreachable.js";
import { createErrorFormatter } from "../errors/format-error.js";
import type { AuthCheckContext } from "../graphql/auth-checker.js";
import { createAgentRouter } from "../modules/desktop-agent/index.js";
import { createSsoRouter } from "../modules/identity/sso/sso.router.js";
import { createReportDownloadRouter } from "../modules/reports/report-download.router.js";
import { NodeLifecycle } from "../node/node-lifecycle.js";
import { operationLabelOf } from "../observability/operation-label.js";
import { currentRequestId, requestStore } from "../observability/request-store.js";
import { corsOriginCheck } from "./cors-origins.js";
import { buildGraphqlContext } from "./graphql-context.js";
import { ssoBaseUrlOf } from "./public-url.js";
import { queryLimitsOf } from "./query-limits.js";
import { clientIpOf } from "./request-client.js";
import { buildAppSchema } from "./schema.js";

export interface ApiServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

function requestIdOf(header: string | undefined): string {
  return header && REQUEST_ID.test(header) ? header : randomUUID();
}

export interface ApiServerOptions {
  /** The node this server is part of: its readiness and identity (default: a lone `all` node). */
  lifecycle?: NodeLifecycle;
  /** How long `close()` lets in-flight requests finish before their connections are cut. Default 10 s. */
  stopGraceMs?: number;
}

export async function startApiServer(
  services: AppServices,
  port: number,
  host: string,
  options: ApiServerOptions = {},
): Promise<ApiServer> {
  const lifecycle = options.lifecycle ?? NodeLifecycle.of(services.config, "all");
  lifecycle.registerMetrics(services.metrics.registry);
  const app = express();
  const httpServer = http.createServer(app);
  const formatError = createErrorFormatter(services.logger);
  const limits = queryLimitsOf(services.config);
  const allowedOrigin = corsOriginCheck(services.config);
  const apiCors = cors({ origin: (origin, callback) => callback(null, allowedOrigin(origin)) });

  const apollo = new ApolloServer<AuthCheckContext>({
    schema: await buildAppSchema(),
    includeStacktraceInErrorResponses: false,
    // Shutdown is ours (portal, API, database in order); Apollo re-raising the signal would race it.
    stopOnTerminationSignals: false,
    parseOptions: limits.parseOptions,
    validationRules: limits.validationRules,
    // "Did you mean …" would let an anonymous caller spell out the schema's field names by trial.
    hideSchemaDetailsFromClientErrors: true,
    formatError: (formatted, error) => formatError(formatted, error, currentRequestId()),
    plugins: [
      // close() stops listening, lets each in-flight request finish (up to the grace) and ends idle keep-alives.
      ApolloServerPluginDrainHttpServer({ httpServer, stopGracePeriodMillis: options.stopGraceMs ?? 10_000 }),
      {
        async requestDidStart() {
          return {
            async willSendResponse({ response, operation, document }) {
              const failed = response.body.kind === "single" && Boolean(response.body.singleResult.errors?.length);
              services.metrics.graphqlOperations.inc({
                operation: operationLabelOf(operation, document),
                outcome: failed ? "error" : "ok",
              });
            },
          };
        },
      },
    ],
  });
  await apollo.start();

  app.disable("x-powered-by");
  app.use((req, res, next) => {
    const requestId = requestIdOf(req.header("x-request-id"));
    res.setHeader("x-request-id", requestId);
    const started = process.hrtime.bigint();
    res.on("finish", () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const route = req.path === "/graphql" || req.path.endsWith("z") || req.path === "/metrics" ? req.path : "other";
      services.metrics.httpRequests.observe({ method: req.method, route, status: String(res.statusCode) }, seconds);
      services.logger.info(
        { requestId, method: req.method, path: req.path, status: res.statusCode, ms: Math.round(seconds * 1000) },
        "request",
      );
    });
    requestStore.run({ requestId }, next);
  });

  app.get("/healthz", (_req, res) => {
    res.json({ status: "ok", node: lifecycle.nodeId });
  });
  app.get("/readyz", async (_req, res) => {
    const readiness = await lifecycle.readiness(services.dataSource);
    res.status(readiness.ready ? 200 : 503).json({ status: readiness.status });
  });
  app.get("/metrics", async (_req, res) => {
    res.type(services.metrics.registry.contentType).send(await services.metrics.registry.metrics());
  });
  // SAML/OIDC browser sign-in: IdP redirects, the SAML ACS POST and the OIDC callback.
  app.use(
    "/auth",
    createSsoRouter(services, {
      clientIp: (request) => clientIpOf(request, services.config, services.clock()),
      baseUrl: (request) => ssoBaseUrlOf(request, services.config, services.clock()),
    }),
  );
  app.use("/agent", createAgentRouter(services));
  app.use(
    "/reports",
    apiCors,
    createReportDownloadRouter(services, (request) => buildGraphqlContext(services, request)),
  );
  app.use(
    "/graphql",
    apiCors,
    express.json({ limit: "1mb" }),
    expressMiddleware(apollo, { context: async ({ req }) => buildGraphqlContext(services, req) }),
  );

  // Body-parser and other middleware failures: a typed JSON answer, never Express's HTML page with a stack trace.
  app.use((error: { status?: number; type?: string }, _req: Request, res: Response, _next: NextFunction) => {
    if (isDatabaseUnreachable(error)) {
      services.logger.error({ err: error, requestId: currentRequestId() }, "request failed: database unreachable");
      res.status(503).json({
        errors: [{ message: unavailableMessage(currentRequestId()), extensions: { code: "SERVICE_UNAVAILABLE" } }],
      });
      return;
    }
    const status = error.status && error.status >= 400 && error.status < 500 ? error.status : 500;
    if (status === 500) services.logger.error({ err: error, requestId: currentRequestId() }, "request failed");
    const message =
      status === 413 ? "Request body too large" : status === 500 ? "Internal server error" : "Malformed request";
    res
      .status(status)
      .json({ errors: [{ message, extensions: { code: status === 500 ? "INTERNAL_SERVER_ERROR" : "BAD_REQUEST" } }] });
  });

  await new Promise<void>((resolve, reject) => {
    httpServer.once("error", reject);
    httpServer.listen(port, host, () => resolve());
  });
  const address = httpServer.address() as AddressInfo;
  return {
    url: `http://${host}:${address.port}/graphql`,
    port: address.port,
    async close() {
      await apollo.stop();
    },
  };
}
