import { NovaFault } from "../core/errors.js";
import type { Microversion } from "../core/nova-microversion.js";
import { negotiateMicroversion } from "../core/nova-microversion.js";
import { tickAll } from "../core/server-state-machine.js";
import type { SimRequest, SimResponse } from "../core/sim-http.js";
import { SimRouter } from "../core/sim-http.js";
import type { SimContext } from "../core/simulator.context.js";
import { authenticate } from "../keystone/keystone.tokens.js";
import { novaError, novaJson, novaPlain, novaUnauthorized } from "./nova.responder.js";
import { registerActionRoutes } from "./nova-actions.routes.js";
import type { NovaHandler } from "./nova-call.js";
import { registerResourceRoutes } from "./nova-resources.routes.js";
import { registerServerRoutes } from "./nova-servers.routes.js";

const router = new SimRouter<NovaHandler>();
registerServerRoutes(router);
registerActionRoutes(router);
registerResourceRoutes(router);

function v21Doc(ctx: SimContext) {
  return {
    id: "v2.1",
    status: "CURRENT",
    version: ctx.microversions.max.text,
    min_version: ctx.microversions.min.text,
    updated: "2013-07-23T11:33:21Z",
  };
}

function versionRoot(ctx: SimContext): SimResponse {
  return novaPlain({
    versions: [
      {
        id: "v2.0",
        status: "SUPPORTED",
        version: "",
        min_version: "",
        updated: "2011-01-21T11:33:21Z",
        links: [{ rel: "self", href: `${ctx.urls.compute}/v2/` }],
      },
      { ...v21Doc(ctx), links: [{ rel: "self", href: `${ctx.urls.compute}/v2.1/` }] },
    ],
  });
}

function v21Root(ctx: SimContext, req: SimRequest, mv: Microversion): SimResponse {
  return novaJson(req, mv, 200, {
    version: {
      ...v21Doc(ctx),
      links: [
        { rel: "self", href: `${ctx.urls.compute}/v2.1/` },
        { rel: "describedby", type: "text/html", href: "http://docs.openstack.org/" },
      ],
      "media-types": [{ base: "application/json", type: "application/vnd.openstack.compute+json;version=2.1" }],
    },
  });
}

type Outcome = { response: SimResponse; route: string };

function negotiate(ctx: SimContext, req: SimRequest): Microversion | SimResponse {
  const negotiation = negotiateMicroversion(req.headers, ctx.microversions);
  if (negotiation.kind === "malformed") {
    return novaError(
      req,
      null,
      NovaFault.badRequest(
        `API Version String ${negotiation.value} is of invalid format. Must be of format MajorNum.MinorNum.`,
      ),
    );
  }
  if (negotiation.kind === "unsupported") {
    const { min, max } = ctx.microversions;
    return novaError(
      req,
      negotiation.value,
      new NovaFault(
        406,
        "computeFault",
        `Version ${negotiation.value} is not supported by the API. Minimum is ${min.text} and maximum is ${max.text}.`,
      ),
    );
  }
  return negotiation.version;
}

/**
 * Nova under `/compute`: `GET /` and `GET /v2.1[/]` need no token; everything else passes keystonemiddleware
 * (401) then microversion negotiation (400/406) before routing. `/v2.1/<project_id>/…` (the form VHI documents)
 * is accepted too.
 */
export function handleCompute(ctx: SimContext, req: SimRequest): Outcome {
  if (req.path === "/" || req.path === "") return { response: versionRoot(ctx), route: "/" };
  if (!req.path.startsWith("/v2.1")) {
    return {
      response: novaError(req, null, NovaFault.notFound("The resource could not be found.")),
      route: "(unmatched)",
    };
  }
  let rest = req.path.slice("/v2.1".length);
  if (rest === "" || rest === "/") {
    const mv = negotiate(ctx, req);
    return { response: "status" in mv ? mv : v21Root(ctx, req, mv), route: "/v2.1/" };
  }
  const auth = authenticate(ctx, req);
  if (!auth) return { response: novaUnauthorized(ctx, req), route: "(unauthorized)" };
  const projectPrefix = /^\/([0-9a-f]{32})(\/.*)$/.exec(rest);
  if (projectPrefix && ctx.state.projects.has(projectPrefix[1])) rest = projectPrefix[2];
  const mv = negotiate(ctx, req);
  if ("status" in mv) return { response: mv, route: "(microversion)" };

  tickAll(ctx.state, ctx.clock.now());
  const match = router.match(req.method, rest);
  if (match.kind !== "found") {
    const fault =
      match.kind === "method-not-allowed"
        ? new NovaFault(405, "badMethod", "The method specified is not allowed for this resource.")
        : NovaFault.notFound("The resource could not be found.");
    return { response: novaError(req, mv.text, fault), route: "(unmatched)" };
  }
  try {
    return { response: match.handler({ ctx, req, auth, mv, params: match.params }), route: match.pattern };
  } catch (error) {
    const fault = error instanceof NovaFault ? error : NovaFault.unexpected(String(error));
    return { response: novaError(req, mv.text, fault), route: match.pattern };
  }
}
