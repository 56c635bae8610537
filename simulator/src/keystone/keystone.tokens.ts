import { createHash, randomBytes } from "node:crypto";
import { isoMicrosZulu } from "../core/sim-clock.js";
import type { SimRequest } from "../core/sim-http.js";
import { header } from "../core/sim-http.js";
import type { SimContext } from "../core/simulator.context.js";
import type { SimToken } from "../core/simulator.state.js";
import type { SeedProject, SeedUser } from "../core/simulator.types.js";

/** Who is calling a service, resolved from a valid project-scoped token. */
export interface AuthContext {
  token: SimToken;
  user: SeedUser;
  project: SeedProject;
  roles: string[];
  isAdmin: boolean;
}

const ROLE_IDS: Record<string, string> = {
  admin: "4f2a9c1e7b3d45e8a6c0d9b1e2f3a4b5",
  member: "8c3ce36df6174bb6ba50406354eb79c9",
  reader: "c3712f66f0c94fd18d51df9381445aae",
};

/** Keystone's implied roles: admin ⇒ member ⇒ reader. */
export function effectiveRoles(assigned: string[]): string[] {
  const roles = new Set(assigned);
  if (roles.has("admin")) roles.add("member");
  if (roles.has("member")) roles.add("reader");
  return ["admin", "member", "reader"].filter((r) => roles.has(r));
}

/** Fernet-looking (URL-safe base64, `gAAAAAB` prefix, ~183 chars) so clients that size-check tokens are happy. */
function newTokenId(): string {
  return `gAAAAAB${randomBytes(132).toString("base64url")}`;
}

export function issueToken(ctx: SimContext, userId: string, projectId: string | null, methods: string[]): SimToken {
  const now = Math.floor(ctx.clock.now() / 1000) * 1000;
  const token: SimToken = {
    id: newTokenId(),
    userId,
    projectId,
    methods,
    issuedAt: now,
    expiresAt: now + ctx.tokenTtlMs,
    auditId: randomBytes(16).toString("base64url").slice(0, 22),
    revoked: false,
    roles: projectId ? effectiveRoles(ctx.state.rolesOf(userId, projectId)) : [],
  };
  ctx.state.tokens.set(token.id, token);
  return token;
}

/** A token is usable when it exists, is not revoked, has not expired (on the simulated clock). */
export function liveToken(ctx: SimContext, tokenId: string | undefined): SimToken | null {
  if (!tokenId) return null;
  const token = ctx.state.tokens.get(tokenId);
  if (!token || token.revoked || token.expiresAt <= ctx.clock.now()) return null;
  return token;
}

/** keystonemiddleware's view: only a live, project-scoped token whose user still has a role there passes. */
export function authenticate(ctx: SimContext, req: SimRequest): AuthContext | null {
  const token = liveToken(ctx, header(req, "x-auth-token"));
  if (!token?.projectId) return null;
  const user = ctx.state.users.get(token.userId);
  const project = ctx.state.projects.get(token.projectId);
  if (!user || !project) return null;
  // What the token was issued with, less anything removed since (a removal also revokes it).
  const live = effectiveRoles(ctx.state.rolesOf(user.id, project.id));
  const roles = token.roles.filter((role) => live.includes(role));
  if (roles.length === 0) return null;
  return { token, user, project, roles, isAdmin: roles.includes("admin") };
}

function stableId(...parts: string[]): string {
  return createHash("md5").update(parts.join("/")).digest("hex");
}

interface CatalogEntry {
  type: string;
  name: string;
  url: string;
}

export function catalogFor(ctx: SimContext, projectId: string): unknown[] {
  const region = ctx.state.seed.region;
  const entries: CatalogEntry[] = [
    { type: "identity", name: "keystone", url: `${ctx.urls.identity}/v3/` },
    { type: "compute", name: "nova", url: `${ctx.urls.compute}/v2.1` },
    { type: "image", name: "glance", url: ctx.urls.image },
    { type: "network", name: "neutron", url: ctx.urls.network },
    { type: "volumev3", name: "cinderv3", url: `${ctx.urls.volume}/v3/${projectId}` },
    { type: "block-storage", name: "cinder", url: `${ctx.urls.volume}/v3/${projectId}` },
  ];
  return entries.map((entry) => ({
    endpoints: ["public", "internal", "admin"].map((iface) => ({
      id: stableId(entry.type, iface),
      interface: iface,
      region_id: region,
      url: entry.url,
      region,
    })),
    id: stableId(entry.type),
    type: entry.type,
    name: entry.name,
  }));
}

export function tokenBody(ctx: SimContext, token: SimToken, withCatalog: boolean): unknown {
  const user = ctx.state.users.get(token.userId)!;
  const domainOf = (id: string) => ({
    id,
    name: ctx.state.seed.domains.find((d) => d.id === id)?.name ?? id,
  });
  const body: Record<string, unknown> = {
    methods: token.methods,
    user: { domain: domainOf(user.domainId), id: user.id, name: user.name, password_expires_at: null },
    audit_ids: [token.auditId],
    expires_at: isoMicrosZulu(token.expiresAt),
    issued_at: isoMicrosZulu(token.issuedAt),
  };
  if (token.projectId) {
    const project = ctx.state.projects.get(token.projectId)!;
    body.project = { domain: domainOf(project.domainId), id: project.id, name: project.name };
    body.is_domain = false;
    body.roles = token.roles.map((name) => ({ id: ROLE_IDS[name], name }));
    if (withCatalog) body.catalog = catalogFor(ctx, project.id);
  }
  return { token: body };
}
