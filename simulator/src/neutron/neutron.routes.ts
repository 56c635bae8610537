import { NeutronFault } from "../core/errors.js";
import { isoSeconds } from "../core/sim-clock.js";
import type { SimRequest, SimResponse } from "../core/sim-http.js";
import { byteLength, SimRouter } from "../core/sim-http.js";
import type { SimContext } from "../core/simulator.context.js";
import type { SimSecurityGroup } from "../core/simulator.state.js";
import type { SeedNetwork } from "../core/simulator.types.js";
import type { AuthContext } from "../keystone/keystone.tokens.js";
import { authenticate } from "../keystone/keystone.tokens.js";

type Handler = (ctx: SimContext, req: SimRequest, auth: AuthContext, params: Record<string, string>) => SimResponse;

/** Neutron: Content-Type first, `X-Openstack-Request-Id`, `Date` (README §1). */
function respond(ctx: SimContext, req: SimRequest, status: number, body: unknown, extra: [string, string][] = []) {
  const text = JSON.stringify(body);
  const headers: [string, string][] = [
    ["Content-Type", "application/json"],
    ["Content-Length", byteLength(text)],
    ...extra,
    ["X-Openstack-Request-Id", req.requestId],
    ["Date", new Date(ctx.clock.now()).toUTCString()],
  ];
  return { status, headers, body: text } satisfies SimResponse;
}

function neutronError(ctx: SimContext, req: SimRequest, fault: NeutronFault): SimResponse {
  return respond(ctx, req, fault.status, { NeutronError: { type: fault.type, message: fault.message, detail: "" } });
}

// Seeded resources have no creation time of their own; use the simulator's start.
function seededAt(ctx: SimContext): string {
  return isoSeconds(ctx.state.startedAt);
}

function networkView(ctx: SimContext, n: SeedNetwork) {
  return {
    id: n.id,
    name: n.name,
    tenant_id: n.projectId,
    admin_state_up: true,
    mtu: n.mtu ?? 1450,
    status: "ACTIVE",
    subnets: [n.subnetId],
    shared: n.shared === true,
    availability_zone_hints: [],
    availability_zones: [ctx.state.seed.computeHost.availabilityZone],
    ipv4_address_scope: null,
    ipv6_address_scope: null,
    "router:external": false,
    description: "",
    port_security_enabled: true,
    tags: [],
    created_at: seededAt(ctx),
    updated_at: seededAt(ctx),
    revision_number: 1,
    project_id: n.projectId,
  };
}

function subnetView(ctx: SimContext, n: SeedNetwork) {
  const [base] = n.cidr.split("/");
  const prefix = base.split(".").slice(0, 3).join(".");
  return {
    id: n.subnetId,
    name: `${n.name}-subnet`,
    tenant_id: n.projectId,
    network_id: n.id,
    ip_version: 4,
    subnetpool_id: null,
    enable_dhcp: true,
    ipv6_ra_mode: null,
    ipv6_address_mode: null,
    gateway_ip: `${prefix}.1`,
    cidr: n.cidr,
    allocation_pools: [{ start: `${prefix}.2`, end: `${prefix}.254` }],
    host_routes: [],
    dns_nameservers: [],
    description: "",
    service_types: [],
    tags: [],
    created_at: seededAt(ctx),
    updated_at: seededAt(ctx),
    revision_number: 0,
    project_id: n.projectId,
  };
}

function securityGroupView(g: SimSecurityGroup) {
  const at = isoSeconds(g.createdAt);
  const rule = (index: number, ethertype: string, direction: string, self: boolean) => ({
    id: g.ruleIds[index],
    tenant_id: g.projectId,
    security_group_id: g.id,
    ethertype,
    direction,
    protocol: null,
    port_range_min: null,
    port_range_max: null,
    remote_ip_prefix: null,
    remote_address_group_id: null,
    normalized_cidr: null,
    remote_group_id: self ? g.id : null,
    standard_attr_id: index + 2,
    description: null,
    tags: [],
    created_at: at,
    updated_at: at,
    revision_number: 0,
    project_id: g.projectId,
  });
  return {
    id: g.id,
    name: g.name,
    stateful: true,
    tenant_id: g.projectId,
    description: g.description,
    shared: false,
    security_group_rules: [
      rule(0, "IPv6", "ingress", true),
      rule(1, "IPv6", "egress", false),
      rule(2, "IPv4", "egress", false),
      rule(3, "IPv4", "ingress", true),
    ],
    tags: [],
    created_at: at,
    updated_at: at,
    revision_number: 1,
    project_id: g.projectId,
  };
}

function visibleNetworks(ctx: SimContext, req: SimRequest, auth: AuthContext): SeedNetwork[] {
  const q = req.query;
  return [...ctx.state.networks.values()].filter(
    (n) =>
      (auth.isAdmin || ctx.state.networkVisibleTo(n, auth.project.id)) &&
      (!q.has("name") || q.getAll("name").includes(n.name)) &&
      (!q.has("id") || q.getAll("id").includes(n.id)) &&
      (!q.has("shared") || String(n.shared === true) === q.get("shared")?.toLowerCase()) &&
      (!q.has("project_id") || n.projectId === q.get("project_id")),
  );
}

function findNetwork(ctx: SimContext, auth: AuthContext, id: string): SeedNetwork {
  const n = ctx.state.networks.get(id);
  if (!n || !(auth.isAdmin || ctx.state.networkVisibleTo(n, auth.project.id))) {
    throw new NeutronFault(404, "NetworkNotFound", `Network ${id} could not be found.`);
  }
  return n;
}

const router = new SimRouter<Handler>()
  .add("GET", "/v2.0/networks", (ctx, req, auth) =>
    respond(ctx, req, 200, { networks: visibleNetworks(ctx, req, auth).map((n) => networkView(ctx, n)) }),
  )
  .add("GET", "/v2.0/networks/:id", (ctx, req, auth, p) =>
    respond(ctx, req, 200, { network: networkView(ctx, findNetwork(ctx, auth, p.id)) }),
  )
  .add("GET", "/v2.0/subnets", (ctx, req, auth) =>
    respond(ctx, req, 200, {
      subnets: [...ctx.state.networks.values()]
        .filter((n) => auth.isAdmin || ctx.state.networkVisibleTo(n, auth.project.id))
        .filter((n) => !req.query.has("network_id") || n.id === req.query.get("network_id"))
        .map((n) => subnetView(ctx, n)),
    }),
  )
  .add("GET", "/v2.0/subnets/:id", (ctx, req, auth, p) => {
    const n = [...ctx.state.networks.values()].find((x) => x.subnetId === p.id);
    if (!n || !(auth.isAdmin || ctx.state.networkVisibleTo(n, auth.project.id))) {
      throw new NeutronFault(404, "SubnetNotFound", `Subnet ${p.id} could not be found.`);
    }
    return respond(ctx, req, 200, { subnet: subnetView(ctx, n) });
  })
  .add("GET", "/v2.0/security-groups", (ctx, req, auth) => {
    ctx.state.defaultSecurityGroup(auth.project.id, ctx.clock.now());
    // Like Neutron, an admin-scoped token lists every project's groups unless it filters by project.
    const q = req.query;
    const groups = [...ctx.state.securityGroups.values()].filter(
      (g) =>
        (auth.isAdmin || g.projectId === auth.project.id) &&
        (!q.has("name") || g.name === q.get("name")) &&
        (!q.has("project_id") || g.projectId === q.get("project_id")),
    );
    return respond(ctx, req, 200, { security_groups: groups.map(securityGroupView) });
  });

export function handleNetwork(ctx: SimContext, req: SimRequest): { response: SimResponse; route: string } {
  const auth = authenticate(ctx, req);
  if (!auth) {
    const body = {
      error: { code: 401, title: "Unauthorized", message: "The request you have made requires authentication." },
    };
    const response = respond(ctx, req, 401, body, [["Www-Authenticate", `Keystone uri="${ctx.urls.identity}"`]]);
    return { response, route: "(unauthorized)" };
  }
  const match = router.match(req.method, req.path);
  if (match.kind !== "found") {
    const fault =
      match.kind === "method-not-allowed"
        ? new NeutronFault(405, "HTTPMethodNotAllowed", "The method is not allowed for this resource.")
        : new NeutronFault(404, "HTTPNotFound", "The resource could not be found.");
    return { response: neutronError(ctx, req, fault), route: "(unmatched)" };
  }
  try {
    return { response: match.handler(ctx, req, auth, match.params), route: match.pattern };
  } catch (error) {
    if (error instanceof NeutronFault) return { response: neutronError(ctx, req, error), route: match.pattern };
    throw error;
  }
}
