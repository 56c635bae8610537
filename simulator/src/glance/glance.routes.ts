import { createHash } from "node:crypto";
import { STATUS_CODES } from "node:http";
import { GlanceFault } from "../core/errors.js";
import type { SimRequest, SimResponse } from "../core/sim-http.js";
import { byteLength, header, SimRouter } from "../core/sim-http.js";
import type { SimContext } from "../core/simulator.context.js";
import type { SeedImage } from "../core/simulator.types.js";
import type { AuthContext } from "../keystone/keystone.tokens.js";
import { authenticate } from "../keystone/keystone.tokens.js";

type Handler = (ctx: SimContext, req: SimRequest, auth: AuthContext, params: Record<string, string>) => SimResponse;

const DEFAULT_LIMIT = 25;
const MAX_LIMIT = 1000;

/** Glance (eventlet) sends `X-Openstack-Request-Id` and a `Date`; its 401 carries no request id (README §5). */
function respond(
  ctx: SimContext,
  req: SimRequest | null,
  status: number,
  contentType: string,
  text: string,
  extra: [string, string][] = [],
) {
  const headers: [string, string][] = [["Content-Length", byteLength(text)], ["Content-Type", contentType], ...extra];
  if (req) headers.push(["X-Openstack-Request-Id", req.requestId]);
  headers.push(["Date", new Date(ctx.clock.now()).toUTCString()]);
  return { status, headers, body: text } satisfies SimResponse;
}

/** webob error pages: JSON with `code` as a string when asked for JSON, HTML otherwise (README §6). */
function glanceError(ctx: SimContext, req: SimRequest, fault: GlanceFault): SimResponse {
  const code = `${fault.status} ${STATUS_CODES[fault.status] ?? fault.title}`;
  const wantsJson = (header(req, "accept") ?? "").includes("application/json");
  const extra: [string, string][] =
    fault.status === 401 ? [["Www-Authenticate", `Keystone uri="${ctx.urls.identity}"`]] : [];
  const text = wantsJson
    ? JSON.stringify({ message: `${fault.message}<br /><br />\n\n\n`, code, title: fault.title })
    : `<html>\n <head>\n  <title>${code}</title>\n </head>\n <body>\n  <h1>${code}</h1>\n  ${fault.message}<br /><br />\n\n\n\n </body>\n</html>`;
  const contentType = wantsJson ? "application/json" : "text/html; charset=UTF-8";
  return respond(ctx, fault.status === 401 ? null : req, fault.status, contentType, text, extra);
}

function json(ctx: SimContext, req: SimRequest, body: unknown): SimResponse {
  return respond(ctx, req, 200, "application/json", JSON.stringify(body));
}

function hexOf(algorithm: string, id: string): string {
  return createHash(algorithm).update(id).digest("hex");
}

export function imageView(image: SeedImage): Record<string, unknown> {
  return {
    ...image.properties,
    name: image.name,
    disk_format: image.diskFormat,
    container_format: image.containerFormat,
    visibility: image.visibility,
    size: image.sizeBytes,
    virtual_size: image.sizeBytes,
    status: image.status ?? "active",
    checksum: hexOf("md5", image.id),
    protected: false,
    min_ram: image.minRamMb,
    min_disk: image.minDiskGb,
    owner: image.ownerProjectId,
    os_hidden: false,
    os_hash_algo: "sha512",
    os_hash_value: hexOf("sha512", image.id),
    id: image.id,
    created_at: image.createdAt,
    updated_at: image.createdAt,
    tags: [...(image.tags ?? [])],
    self: `/v2/images/${image.id}`,
    file: `/v2/images/${image.id}/file`,
    schema: "/v2/schemas/image",
  };
}

function listImages(ctx: SimContext, req: SimRequest, auth: AuthContext): SimResponse {
  const q = req.query;
  const limitText = q.get("limit");
  const limit = limitText === null ? DEFAULT_LIMIT : Number(limitText);
  if (!Number.isInteger(limit) || limit < 0) {
    throw new GlanceFault(400, "Bad Request", "limit param must be an integer");
  }
  const effective = Math.min(limit, MAX_LIMIT);
  const filters: [string, (i: SeedImage) => string][] = [
    ["name", (i) => i.name],
    ["status", (i) => i.status ?? "active"],
    ["visibility", (i) => i.visibility],
    ["owner", (i) => i.ownerProjectId],
    ["disk_format", (i) => i.diskFormat],
    ["os_distro", (i) => i.properties.os_distro ?? ""],
  ];
  let images = [...ctx.state.images.values()]
    .filter((i) => auth.isAdmin || ctx.state.imageVisibleTo(i, auth.project.id))
    .filter((i) => filters.every(([key, get]) => !q.has(key) || get(i) === q.get(key)))
    .sort((a, b) => (a.createdAt === b.createdAt ? (a.id < b.id ? 1 : -1) : a.createdAt < b.createdAt ? 1 : -1));
  const marker = q.get("marker");
  if (marker !== null) {
    const index = images.findIndex((i) => i.id === marker);
    if (index < 0) throw new GlanceFault(400, "Bad Request", `Invalid marker. Image ${marker} could not be found.`);
    images = images.slice(index + 1);
  }
  const page = images.slice(0, effective);
  const params = new URLSearchParams(req.rawQuery);
  params.delete("marker");
  const firstQuery = params.toString();
  const body: Record<string, unknown> = {
    images: page.map(imageView),
    first: `/v2/images${firstQuery ? `?${firstQuery}` : ""}`,
    schema: "/v2/schemas/images",
  };
  // Like Nova, a full page gets a `next` link (relative here).
  if (page.length > 0 && page.length === effective) {
    params.append("marker", page[page.length - 1].id);
    body.next = `/v2/images?${params.toString()}`;
  }
  return json(ctx, req, body);
}

function findImage(ctx: SimContext, auth: AuthContext, id: string): SeedImage {
  const image = ctx.state.images.get(id);
  const member = image?.members?.some((m) => m.projectId === auth.project.id);
  if (!image || !(auth.isAdmin || member || ctx.state.imageVisibleTo(image, auth.project.id))) {
    throw new GlanceFault(404, "Not Found", `No image found with ID ${id}`);
  }
  return image;
}

function memberView(image: SeedImage, member: { projectId: string; status: string }) {
  return {
    created_at: image.createdAt,
    image_id: image.id,
    member_id: member.projectId,
    schema: "/v2/schemas/member",
    status: member.status,
    updated_at: image.createdAt,
  };
}

const router = new SimRouter<Handler>()
  .add("GET", "/v2/images", listImages)
  .add("GET", "/v2/images/:id", (ctx, req, auth, params) => json(ctx, req, imageView(findImage(ctx, auth, params.id))))
  .add("GET", "/v2/images/:id/members", (ctx, req, auth, params) => {
    const image = findImage(ctx, auth, params.id);
    const members = (image.members ?? []).filter(
      (m) => auth.isAdmin || image.ownerProjectId === auth.project.id || m.projectId === auth.project.id,
    );
    return json(ctx, req, { members: members.map((m) => memberView(image, m)), schema: "/v2/schemas/members" });
  })
  .add("GET", "/v2/images/:id/members/:member", (ctx, req, auth, params) => {
    const image = findImage(ctx, auth, params.id);
    const member = (image.members ?? []).find((m) => m.projectId === params.member);
    const mayRead = auth.isAdmin || image.ownerProjectId === auth.project.id || params.member === auth.project.id;
    if (!member || !mayRead) {
      throw new GlanceFault(404, "Not Found", `${params.member} is not a member of image ${image.id}`);
    }
    return json(ctx, req, memberView(image, member));
  });

export function handleImage(ctx: SimContext, req: SimRequest): { response: SimResponse; route: string } {
  const auth = authenticate(ctx, req);
  if (!auth) {
    const fault = new GlanceFault(
      401,
      "Unauthorized",
      "This server could not verify that you are authorized to access the document you requested. Either you supplied the wrong credentials (e.g., bad password), or your browser does not understand how to supply the credentials required.",
    );
    return { response: glanceError(ctx, req, fault), route: "(unauthorized)" };
  }
  const match = router.match(req.method, req.path);
  if (match.kind !== "found") {
    const fault =
      match.kind === "method-not-allowed"
        ? new GlanceFault(405, "Method Not Allowed", "The method is not allowed for this resource.")
        : new GlanceFault(404, "Not Found", "The resource could not be found.");
    return { response: glanceError(ctx, req, fault), route: "(unmatched)" };
  }
  try {
    return { response: match.handler(ctx, req, auth, match.params), route: match.pattern };
  } catch (error) {
    if (error instanceof GlanceFault) return { response: glanceError(ctx, req, error), route: match.pattern };
    throw error;
  }
}
