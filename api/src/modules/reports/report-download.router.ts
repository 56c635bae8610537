import { pipeline } from "node:stream/promises";
import { isValidTimeZone } from "@atrium/reports";
import { type Request, type Response, Router } from "express";
import { z } from "zod";
import type { AppServices } from "../../context/app-services.js";
import { AppError, forbidden, unauthenticated } from "../../errors/app-error.js";
import type { AuthCheckContext } from "../../graphql/auth-checker.js";
import { checkedRange } from "./report-queries.service.js";
import { CONTENT_TYPES, reportCsvStream, reportFilename, reportPdf } from "./report-render.service.js";
import { reportDbForTenant, reportDbOf, reportTenantOf } from "./report-scope.js";

const querySchema = z.object({
  from: z.coerce.date(),
  to: z.coerce.date(),
  timeZone: z.string().refine(isValidTimeZone, { message: "unknown IANA time zone" }).default("UTC"),
  tenantId: z.string().optional(),
});
const paramsSchema = z.object({
  report: z.enum(["usage", "login-history", "assignment-history", "broker-metrics"]),
  format: z.enum(["csv", "pdf"]),
});

const STATUS: Partial<Record<AppError["code"], number>> = {
  BAD_USER_INPUT: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
};

/**
 * `GET /reports/<report>.<csv|pdf>?from=…&to=…&timeZone=…[&tenantId=…]` with the same bearer token as GraphQL and
 * the same `reports:read` check; the tenant comes from the token (MSP staff outside a tenant may name one). CSV streams from the database cursor as it is read.
 * The HTTP layer hands in how it builds a request's context, the same builder GraphQL uses, so this module does not
 * depend on the server that mounts it.
 */
export function createReportDownloadRouter(
  services: AppServices,
  contextOf: (request: Request) => Promise<AuthCheckContext>,
): Router {
  const router = Router();
  router.get("/:report.:format", async (request: Request, response: Response) => {
    try {
      const ctx = await contextOf(request);
      // The same rule as the GraphQL auth checker for a scope "any" permission.
      if (ctx.principal.kind === "anonymous") throw ctx.authError ?? unauthenticated();
      if (!ctx.principal.permissions.has("reports:read")) throw forbidden();
      const params = paramsSchema.safeParse(request.params);
      const query = querySchema.safeParse(request.query);
      if (!params.success) throw new AppError("NOT_FOUND", "No such report");
      if (!query.success) throw new AppError("BAD_USER_INPUT", query.error.issues[0]?.message ?? "bad query");
      const db = query.data.tenantId ? await reportDbForTenant(ctx, query.data.tenantId) : reportDbOf(ctx);
      const renderRequest = {
        db,
        report: params.data.report,
        period: checkedRange({ from: query.data.from, to: query.data.to }),
        timeZone: query.data.timeZone,
        generatedAt: services.clock(),
      };
      const filename = reportFilename(
        params.data.report,
        reportTenantOf(db) ?? "all-tenants",
        renderRequest.period,
        params.data.format,
      );
      response.setHeader("content-type", CONTENT_TYPES[params.data.format]);
      response.setHeader("content-disposition", `attachment; filename="${filename}"`);
      response.setHeader("cache-control", "no-store");
      if (params.data.format === "csv") {
        await pipeline(reportCsvStream(renderRequest), response);
      } else {
        response.end(await reportPdf(renderRequest));
      }
    } catch (error) {
      if (response.headersSent) {
        // Mid-stream failure: cut the body short so the client sees a truncated download, not a "complete" file.
        services.logger.error({ err: error }, "report download failed mid-stream");
        response.destroy();
        return;
      }
      if (error instanceof AppError) {
        response
          .status(STATUS[error.code] ?? 400)
          .json({ errors: [{ message: error.message, extensions: { code: error.code } }] });
        return;
      }
      // The API's own error handler answers the rest: a 503 to retry when the database is away, else a masked 500.
      throw error;
    }
  });
  return router;
}
