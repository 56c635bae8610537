import express, { type Request, type Response, Router } from "express";
import type { AppServices } from "../../context/app-services.js";
import { agentCtx } from "../../context/build-ctx.js";
import { withTransaction } from "../../context/ctx.js";
import { isDatabaseUnreachable } from "../../errors/database-unreachable.js";
import { agentEventSchema } from "./agent.schemas.js";
import { handleAgentEvent } from "./agent.service.js";
import { authenticateAgent } from "./agent-token.js";

function bearer(request: Request): string | undefined {
  const header = request.header("authorization");
  return header?.startsWith("Bearer ") ? header.slice(7).trim() : undefined;
}

/**
 * `POST /agent/v1/events` with `Authorization: Bearer <desktop agent token>` and `{event, username?}`. The token
 * names one desktop, and that desktop is all the request can touch; the tenant comes from the desktop row.
 */
export function createAgentRouter(services: AppServices): Router {
  const router = Router();
  router.post("/v1/events", express.json({ limit: "16kb" }), async (request: Request, response: Response) => {
    try {
      await handle(request, response);
    } catch (error) {
      // A 503 says the broker is briefly without its database, not that the event was bad (the next heartbeat reports).
      const unreachable = isDatabaseUnreachable(error);
      services.logger.error(
        { err: error },
        unreachable ? "agent event failed: database unreachable" : "agent event failed",
      );
      if (unreachable) response.status(503).json({ error: "the broker's database is out of reach; send again later" });
      else response.status(500).json({ error: "internal error" });
    }
  });

  async function handle(request: Request, response: Response) {
    const desktop = await authenticateAgent(services.dataSource.manager, bearer(request));
    if (!desktop) {
      response.status(401).json({ error: "invalid agent token" });
      return;
    }
    const parsed = agentEventSchema.safeParse(request.body);
    if (!parsed.success) {
      response.status(400).json({ error: "invalid event", issues: parsed.error.issues.map((issue) => issue.message) });
      return;
    }
    if (parsed.data.event === "login" && !parsed.data.username) {
      response.status(400).json({ error: "a login event needs the username" });
      return;
    }
    const reply = await withTransaction(agentCtx(services, desktop), (tx) =>
      handleAgentEvent(tx, desktop, parsed.data),
    );
    response.json(reply);
  }
  return router;
}
