import { STATUS_CODES } from "node:http";
import { z } from "zod";
import { KeystoneFault } from "../core/errors.js";
import type { SimRequest, SimResponse } from "../core/sim-http.js";
import { byteLength, header, parseJsonBody, SimRouter } from "../core/sim-http.js";
import type { SimContext } from "../core/simulator.context.js";
import type { SimToken } from "../core/simulator.state.js";
import { catalogFor, issueToken, liveToken, tokenBody } from "./keystone.tokens.js";

type Handler = (ctx: SimContext, req: SimRequest) => SimResponse;

const domainRef = z.object({ id: z.string().optional(), name: z.string().optional() });
const authBody = z.object({
  auth: z.object({
    identity: z.object({
      methods: z.array(z.string()).min(1),
      password: z
        .object({
          user: z.object({
            id: z.string().optional(),
            name: z.string().optional(),
            domain: domainRef.optional(),
            password: z.string(),
          }),
        })
        .optional(),
      token: z.object({ id: z.string() }).optional(),
    }),
    scope: z
      .object({
        project: z.object({ id: z.string().optional(), name: z.string().optional(), domain: domainRef.optional() }),
      })
      .optional(),
  }),
});

/** Keystone (flask) uses upper-case reason phrases: `401 UNAUTHORIZED`, `201 CREATED`. */
function respond(req: SimRequest, status: number, body: unknown, extra: [string, string][] = []) {
  const text = body === null ? null : JSON.stringify(body);
  const headers: [string, string][] = [];
  if (text !== null) headers.push(["Content-Type", "application/json"], ["Content-Length", byteLength(text)]);
  headers.push(...extra, ["Vary", "X-Auth-Token"], ["x-openstack-request-id", req.requestId]);
  return { status, reason: STATUS_CODES[status]?.toUpperCase(), headers, body: text } satisfies SimResponse;
}

export function keystoneError(ctx: SimContext, req: SimRequest, fault: KeystoneFault): SimResponse {
  const extra: [string, string][] =
    fault.status === 401 ? [["WWW-Authenticate", `Keystone uri="${ctx.urls.identity}/v3"`]] : [];
  return respond(
    req,
    fault.status,
    { error: { code: fault.status, message: fault.message, title: fault.title } },
    extra,
  );
}

function versionDoc(ctx: SimContext) {
  return {
    id: "v3.14",
    status: "stable",
    updated: "2020-04-07T00:00:00Z",
    links: [{ rel: "self", href: `${ctx.urls.identity}/v3/` }],
    "media-types": [{ base: "application/json", type: "application/vnd.openstack.identity-v3+json" }],
  };
}

function findDomainId(ctx: SimContext, ref: { id?: string; name?: string } | undefined): string | undefined {
  if (!ref) return undefined;
  if (ref.id) return ctx.state.seed.domains.some((d) => d.id === ref.id) ? ref.id : undefined;
  return ctx.state.seed.domains.find((d) => d.name === ref.name)?.id;
}

function createToken(ctx: SimContext, req: SimRequest): SimResponse {
  const parsed = authBody.safeParse(parseJsonBody(req));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw KeystoneFault.badRequest(`Invalid input for field '${issue.path.join(".")}': ${issue.message}`);
  }
  const { identity, scope } = parsed.data.auth;
  let userId: string | undefined;
  let methods: string[];
  if (identity.methods.includes("password") && identity.password) {
    const ref = identity.password.user;
    const domainId = findDomainId(ctx, ref.domain);
    const user = ref.id
      ? ctx.state.users.get(ref.id)
      : [...ctx.state.users.values()].find((u) => u.name === ref.name && u.domainId === domainId);
    // Unknown user and wrong password are indistinguishable on purpose (same 401 body).
    if (!user || user.password !== ref.password) throw KeystoneFault.unauthorized();
    userId = user.id;
    methods = ["password"];
  } else if (identity.methods.includes("token") && identity.token) {
    const source = liveToken(ctx, identity.token.id);
    if (!source) throw KeystoneFault.unauthorized();
    userId = source.userId;
    methods = source.methods;
  } else {
    throw KeystoneFault.badRequest("Expecting to find identity in auth.");
  }
  let projectId: string | null = null;
  if (scope) {
    const ref = scope.project;
    const domainId = findDomainId(ctx, ref.domain);
    const project = ref.id
      ? ctx.state.projects.get(ref.id)
      : [...ctx.state.projects.values()].find((p) => p.name === ref.name && p.domainId === domainId);
    if (!project || ctx.state.rolesOf(userId, project.id).length === 0) throw KeystoneFault.unauthorized();
    projectId = project.id;
  }
  const token = issueToken(ctx, userId, projectId, methods);
  return respond(req, 201, tokenBody(ctx, token, true), [["X-Subject-Token", token.id]]);
}

function subjectToken(ctx: SimContext, req: SimRequest): SimToken {
  if (!liveToken(ctx, header(req, "x-auth-token"))) throw KeystoneFault.unauthorized();
  const subjectId = header(req, "x-subject-token") ?? "";
  const subject = liveToken(ctx, subjectId);
  if (!subject) throw KeystoneFault.notFound(`Could not find token: ${subjectId}.`);
  return subject;
}

function validateToken(ctx: SimContext, req: SimRequest): SimResponse {
  const subject = subjectToken(ctx, req);
  const withCatalog = !req.query.has("nocatalog");
  const response = respond(req, 200, tokenBody(ctx, subject, withCatalog), [["X-Subject-Token", subject.id]]);
  if (req.method === "HEAD") response.body = null;
  return response;
}

function revokeToken(ctx: SimContext, req: SimRequest): SimResponse {
  subjectToken(ctx, req).revoked = true;
  return respond(req, 204, null);
}

function callerToken(ctx: SimContext, req: SimRequest): SimToken {
  const token = liveToken(ctx, header(req, "x-auth-token"));
  if (!token) throw KeystoneFault.unauthorized();
  return token;
}

const router = new SimRouter<Handler>()
  .add("GET", "/", (ctx, req) =>
    respond(req, 300, { versions: { values: [versionDoc(ctx)] } }, [["Location", `${ctx.urls.identity}/v3/`]]),
  )
  .add("GET", "/v3", (ctx, req) => respond(req, 200, { version: versionDoc(ctx) }))
  .add("POST", "/v3/auth/tokens", createToken)
  .add("GET", "/v3/auth/tokens", validateToken)
  .add("DELETE", "/v3/auth/tokens", revokeToken)
  .add("GET", "/v3/auth/catalog", (ctx, req) => {
    const token = callerToken(ctx, req);
    if (!token.projectId) throw new KeystoneFault(403, "Forbidden", "A project-scoped token is required.");
    return respond(req, 200, {
      catalog: catalogFor(ctx, token.projectId),
      links: { self: `${ctx.urls.identity}/v3/auth/catalog`, previous: null, next: null },
    });
  })
  .add("GET", "/v3/domains", listDomains)
  .add("GET", "/v3/auth/projects", (ctx, req) => {
    const token = callerToken(ctx, req);
    const projects = [...ctx.state.projects.values()]
      .filter((p) => ctx.state.rolesOf(token.userId, p.id).length > 0)
      .map((p) => ({
        id: p.id,
        name: p.name,
        domain_id: p.domainId,
        description: "",
        enabled: true,
        parent_id: p.domainId,
        is_domain: false,
        tags: [],
        options: {},
        links: { self: `${ctx.urls.identity}/v3/projects/${p.id}` },
      }));
    return respond(req, 200, {
      projects,
      links: { self: `${ctx.urls.identity}/v3/auth/projects`, previous: null, next: null },
    });
  });

/** Keystone's `identity:list_domains` policy: an admin role on the token's scope (the service account's project). */
function listDomains(ctx: SimContext, req: SimRequest): SimResponse {
  const token = callerToken(ctx, req);
  const roles = token.projectId ? ctx.state.rolesOf(token.userId, token.projectId) : [];
  if (!roles.includes("admin")) {
    throw new KeystoneFault(
      403,
      "Forbidden",
      "You are not authorized to perform the requested action: identity:list_domains.",
    );
  }
  const domains = ctx.state.seed.domains.map((domain) => ({
    id: domain.id,
    name: domain.name,
    description: "",
    enabled: true,
    tags: [],
    options: {},
    links: { self: `${ctx.urls.identity}/v3/domains/${domain.id}` },
  }));
  return respond(req, 200, {
    domains,
    links: { self: `${ctx.urls.identity}/v3/domains`, previous: null, next: null },
  });
}

export function handleIdentity(ctx: SimContext, req: SimRequest): { response: SimResponse; route: string } {
  const match = router.match(req.method, req.path);
  if (match.kind !== "found") {
    const fault =
      match.kind === "method-not-allowed"
        ? new KeystoneFault(405, "Method Not Allowed", "The method is not allowed for the requested URL.")
        : KeystoneFault.notFound("The resource could not be found.");
    return { response: keystoneError(ctx, req, fault), route: "(unmatched)" };
  }
  try {
    return { response: match.handler(ctx, req), route: match.pattern };
  } catch (error) {
    if (error instanceof KeystoneFault) return { response: keystoneError(ctx, req, error), route: match.pattern };
    throw error;
  }
}
