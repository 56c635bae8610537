import { CinderFault } from "../core/errors.js";
import { isoMicrosNoZone } from "../core/sim-clock.js";
import type { SimRequest, SimResponse } from "../core/sim-http.js";
import { byteLength, header, SimRouter } from "../core/sim-http.js";
import type { SimContext } from "../core/simulator.context.js";
import type { SimVolume } from "../core/simulator.state.js";
import type { SeedVolumeType } from "../core/simulator.types.js";
import type { AuthContext } from "../keystone/keystone.tokens.js";
import { authenticate } from "../keystone/keystone.tokens.js";

type Handler = (ctx: SimContext, req: SimRequest, auth: AuthContext, params: Record<string, string>) => SimResponse;

const MAX_VOLUME_MINOR = 70;

/** Cinder echoes the negotiated `volume 3.x` microversion; unknown or absent → 3.0. */
function volumeVersion(req: SimRequest): string {
  const value = header(req, "openstack-api-version") ?? "";
  const match = /volume\s+3\.(\d+)/i.exec(value);
  return match && Number(match[1]) <= MAX_VOLUME_MINOR ? `3.${Number(match[1])}` : "3.0";
}

function respond(ctx: SimContext, req: SimRequest, status: number, body: unknown, extra: [string, string][] = []) {
  const text = JSON.stringify(body);
  const headers: [string, string][] = [
    ["Content-Type", "application/json"],
    ["Content-Length", byteLength(text)],
    ...extra,
    ["OpenStack-API-Version", `volume ${volumeVersion(req)}`],
    ["Vary", "OpenStack-API-Version"],
    ["x-openstack-request-id", req.requestId],
    ["Date", new Date(ctx.clock.now()).toUTCString()],
  ];
  return { status, headers, body: text } satisfies SimResponse;
}

function cinderError(ctx: SimContext, req: SimRequest, fault: CinderFault): SimResponse {
  return respond(ctx, req, fault.status, { [fault.kind]: { code: fault.status, message: fault.message } });
}

/** A VHI storage policy is a Cinder volume type. */
function typeView(t: SeedVolumeType, isAdmin: boolean) {
  return {
    id: t.id,
    name: t.name,
    description: t.description ?? null,
    is_public: t.isPublic ?? true,
    extra_specs: isAdmin ? { ...t.extraSpecs } : {},
    "os-volume-type-access:is_public": t.isPublic ?? true,
    qos_specs_id: null,
  };
}

function volumeLinks(ctx: SimContext, v: SimVolume) {
  return [
    { rel: "self", href: `${ctx.urls.volume}/v3/${v.projectId}/volumes/${v.id}` },
    { rel: "bookmark", href: `${ctx.urls.volume}/${v.projectId}/volumes/${v.id}` },
  ];
}

function volumeView(ctx: SimContext, v: SimVolume) {
  const server = v.serverId ? ctx.state.servers.get(v.serverId) : undefined;
  return {
    id: v.id,
    name: server ? `${server.name}-boot` : "",
    status: v.status,
    size: v.sizeGb,
    volume_type: v.volumeType,
    bootable: String(v.bootable),
    availability_zone: ctx.state.seed.computeHost.availabilityZone,
    attachments: server
      ? [
          {
            id: v.id,
            attachment_id: v.id,
            volume_id: v.id,
            server_id: server.id,
            host_name: server.host,
            device: "/dev/vda",
          },
        ]
      : [],
    created_at: isoMicrosNoZone(v.createdAt),
    updated_at: isoMicrosNoZone(v.createdAt),
    description: null,
    encrypted: false,
    multiattach: false,
    metadata: {},
    snapshot_id: null,
    source_volid: null,
    user_id: server?.userId ?? null,
    "os-vol-tenant-attr:tenant_id": v.projectId,
    ...(v.imageId ? { volume_image_metadata: { image_id: v.imageId } } : {}),
    links: volumeLinks(ctx, v),
  };
}

function projectVolumes(ctx: SimContext, auth: AuthContext): SimVolume[] {
  return [...ctx.state.volumes.values()].filter((v) => v.projectId === auth.project.id && v.status !== "deleted");
}

const router = new SimRouter<Handler>()
  .add("GET", "/v3/:projectId/types", (ctx, req, auth) =>
    respond(ctx, req, 200, {
      volume_types: [...ctx.state.volumeTypes.values()]
        .filter((t) => t.isPublic !== false || auth.isAdmin)
        .map((t) => typeView(t, auth.isAdmin)),
    }),
  )
  .add("GET", "/v3/:projectId/types/default", (ctx, req, auth) => {
    const type = ctx.state.findVolumeType(ctx.state.seed.defaultVolumeType);
    if (!type) throw new CinderFault(404, "itemNotFound", "Default volume type can not be found.");
    return respond(ctx, req, 200, { volume_type: typeView(type, auth.isAdmin) });
  })
  .add("GET", "/v3/:projectId/types/:id", (ctx, req, auth, p) => {
    const type = ctx.state.volumeTypes.get(p.id);
    if (!type) throw new CinderFault(404, "itemNotFound", `Volume type ${p.id} could not be found.`);
    return respond(ctx, req, 200, { volume_type: typeView(type, auth.isAdmin) });
  })
  .add("GET", "/v3/:projectId/volumes", (ctx, req, auth) =>
    respond(ctx, req, 200, {
      volumes: projectVolumes(ctx, auth).map((v) => ({
        id: v.id,
        links: volumeLinks(ctx, v),
        name: volumeView(ctx, v).name,
      })),
    }),
  )
  .add("GET", "/v3/:projectId/volumes/detail", (ctx, req, auth) =>
    respond(ctx, req, 200, { volumes: projectVolumes(ctx, auth).map((v) => volumeView(ctx, v)) }),
  )
  .add("GET", "/v3/:projectId/volumes/:id", (ctx, req, auth, p) => {
    const volume = projectVolumes(ctx, auth).find((v) => v.id === p.id);
    if (!volume) throw new CinderFault(404, "itemNotFound", `Volume ${p.id} could not be found.`);
    return respond(ctx, req, 200, { volume: volumeView(ctx, volume) });
  });

export function handleVolume(ctx: SimContext, req: SimRequest): { response: SimResponse; route: string } {
  const auth = authenticate(ctx, req);
  if (!auth) {
    const body = {
      error: { code: 401, title: "Unauthorized", message: "The request you have made requires authentication." },
    };
    const response = respond(ctx, req, 401, body, [["WWW-Authenticate", `Keystone uri="${ctx.urls.identity}"`]]);
    return { response, route: "(unauthorized)" };
  }
  const match = router.match(req.method, req.path);
  if (match.kind !== "found") {
    return {
      response: cinderError(ctx, req, new CinderFault(404, "itemNotFound", "The resource could not be found.")),
      route: "(unmatched)",
    };
  }
  // The project in the URL must be the token's project (the catalog hands out that URL).
  if (match.params.projectId !== auth.project.id && !auth.isAdmin) {
    return {
      response: cinderError(
        ctx,
        req,
        new CinderFault(403, "forbidden", "Policy doesn't allow this operation on another project."),
      ),
      route: match.pattern,
    };
  }
  try {
    return { response: match.handler(ctx, req, auth, match.params), route: match.pattern };
  } catch (error) {
    if (error instanceof CinderFault) return { response: cinderError(ctx, req, error), route: match.pattern };
    throw error;
  }
}
