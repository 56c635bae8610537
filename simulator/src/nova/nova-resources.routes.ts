import { randomUUID } from "node:crypto";
import { NovaFault } from "../core/errors.js";
import { atLeast } from "../core/nova-microversion.js";
import { isoMicrosNoZone } from "../core/sim-clock.js";
import type { SimRouter } from "../core/sim-http.js";
import { isPlainObject } from "../core/sim-http.js";
import type { NovaQuotaSet, SeedFlavor } from "../core/simulator.types.js";
import { novaJson } from "./nova.responder.js";
import type { NovaCall, NovaHandler } from "./nova-call.js";
import { jsonObjectBody } from "./nova-call.js";
import { pyRepr, schemaError } from "./nova-server-schema.js";

function flavorLinks(call: NovaCall, id: string) {
  return [
    { rel: "self", href: `${call.ctx.urls.compute}/v2.1/flavors/${id}` },
    { rel: "bookmark", href: `${call.ctx.urls.compute}/flavors/${id}` },
  ];
}

/** Flavor document by microversion: `swap` is "" for 0 before 2.75 (README §17), description 2.55, extra_specs 2.61. */
function flavorView(call: NovaCall, f: SeedFlavor): Record<string, unknown> {
  const swap = f.swapMb ?? 0;
  const out: Record<string, unknown> = {
    id: f.id,
    name: f.name,
    ram: f.ramMb,
    disk: f.diskGb,
    swap: atLeast(call.mv, 75) || swap !== 0 ? swap : "",
    "OS-FLV-EXT-DATA:ephemeral": f.ephemeralGb ?? 0,
    "OS-FLV-DISABLED:disabled": false,
    vcpus: f.vcpus,
    "os-flavor-access:is_public": f.isPublic ?? true,
    rxtx_factor: 1,
    links: flavorLinks(call, f.id),
  };
  if (atLeast(call.mv, 55)) out.description = f.description ?? null;
  if (atLeast(call.mv, 61)) out.extra_specs = { ...f.extraSpecs };
  return out;
}

function visibleFlavors(call: NovaCall): SeedFlavor[] {
  return [...call.ctx.state.flavors.values()]
    .filter((f) => call.auth.isAdmin || call.ctx.state.flavorVisibleTo(f, call.auth.project.id))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

function findFlavor(call: NovaCall): SeedFlavor {
  const flavor = call.ctx.state.flavors.get(call.params.id);
  if (!flavor || !(call.auth.isAdmin || call.ctx.state.flavorVisibleTo(flavor, call.auth.project.id))) {
    throw NovaFault.notFound(`Flavor ${call.params.id} could not be found.`);
  }
  return flavor;
}

function createFlavor(call: NovaCall) {
  if (!call.auth.isAdmin) throw NovaFault.policy("os_compute_api:os-flavor-manage:create");
  const body = jsonObjectBody(call);
  const f = body.flavor;
  if (!isPlainObject(f)) throw NovaFault.badRequest("'flavor' is a required property");
  for (const key of ["name", "ram", "vcpus", "disk"]) {
    if (!(key in f)) throw schemaError("flavor", f, `'${key}' is a required property`);
  }
  const int = (key: string, min: number) => {
    const n = f[key] === undefined ? 0 : Number(f[key]);
    if (!Number.isInteger(n) || n < min)
      throw schemaError(key, f[key], `${pyRepr(f[key])} is less than the minimum of ${min}`);
    return n;
  };
  const id = typeof f.id === "string" && f.id !== "" ? f.id : randomUUID();
  const name = String(f.name);
  if (call.ctx.state.flavors.has(id)) throw NovaFault.conflict(`Flavor with ID ${id} already exists.`);
  if ([...call.ctx.state.flavors.values()].some((x) => x.name === name)) {
    throw NovaFault.conflict(`Flavor with name ${name} already exists.`);
  }
  const flavor: SeedFlavor = {
    id,
    name,
    ramMb: int("ram", 1),
    vcpus: int("vcpus", 1),
    diskGb: int("disk", 0),
    swapMb: int("swap", 0),
    ephemeralGb: int("OS-FLV-EXT-DATA:ephemeral", 0),
    isPublic: f["os-flavor-access:is_public"] !== false,
    description: typeof f.description === "string" ? f.description : null,
    extraSpecs: {},
  };
  call.ctx.state.flavors.set(id, flavor);
  return novaJson(call.req, call.mv, 200, { flavor: flavorView(call, flavor) });
}

function limitsView(call: NovaCall) {
  const projectId = call.auth.isAdmin
    ? (call.req.query.get("tenant_id") ?? call.auth.project.id)
    : call.auth.project.id;
  const q = call.ctx.state.quotaOf(projectId);
  const used = call.ctx.state.usageOf(projectId);
  const old = !atLeast(call.mv, 57);
  const network = !atLeast(call.mv, 36);
  const absolute: Record<string, number> = {
    maxTotalInstances: q.instances,
    maxTotalCores: q.cores,
    maxTotalRAMSize: q.ram,
    maxServerMeta: q.metadata_items,
    ...(old ? { maxImageMeta: q.metadata_items, maxPersonality: 5, maxPersonalitySize: 10240 } : {}),
    maxTotalKeypairs: q.key_pairs,
    maxServerGroups: q.server_groups,
    maxServerGroupMembers: q.server_group_members,
    ...(network ? { maxTotalFloatingIps: -1, maxSecurityGroups: -1, maxSecurityGroupRules: -1 } : {}),
    totalRAMUsed: used.ram,
    totalCoresUsed: used.cores,
    totalInstancesUsed: used.instances,
    ...(network ? { totalFloatingIpsUsed: 0, totalSecurityGroupsUsed: 0 } : {}),
    totalServerGroupsUsed: 0,
  };
  return { limits: { rate: [], absolute } };
}

/** Quota keys by microversion (network ones dropped at 2.36, file injection at 2.57), alphabetical like Nova. */
function quotaValues(call: NovaCall, quota: NovaQuotaSet): Record<string, number> {
  const values: Record<string, number> = { ...quota };
  if (!atLeast(call.mv, 57)) {
    Object.assign(values, { injected_file_content_bytes: 10240, injected_file_path_bytes: 255, injected_files: 5 });
  }
  if (!atLeast(call.mv, 36)) {
    Object.assign(values, { fixed_ips: -1, floating_ips: -1, security_group_rules: -1, security_groups: -1 });
  }
  return Object.fromEntries(Object.entries(values).sort(([a], [b]) => (a < b ? -1 : 1)));
}

function readableQuota(call: NovaCall, rule: string): NovaQuotaSet {
  const projectId = call.params.projectId;
  if (!call.auth.isAdmin && projectId !== call.auth.project.id) throw NovaFault.policy(rule);
  return call.ctx.state.quotas.get(projectId) ?? { ...call.ctx.state.seed.defaultQuota };
}

function updateQuota(call: NovaCall) {
  if (!call.auth.isAdmin) throw NovaFault.policy("os_compute_api:os-quota-sets:update");
  const body = jsonObjectBody(call);
  const patch = body.quota_set;
  if (!isPlainObject(patch)) throw NovaFault.badRequest("'quota_set' is a required property");
  const quota = call.ctx.state.quotaOf(call.params.projectId);
  const known = new Set([...Object.keys(quota), "force"]);
  const extra = Object.keys(patch).filter((k) => !known.has(k));
  if (extra.length > 0) {
    throw schemaError(
      "quota_set",
      patch,
      `Additional properties are not allowed (${extra.map((k) => pyRepr(k)).join(", ")} ${extra.length === 1 ? "was" : "were"} unexpected)`,
    );
  }
  const force = patch.force === true || patch.force === "true";
  const used = call.ctx.state.usageOf(call.params.projectId);
  const next = { ...quota };
  for (const [key, raw] of Object.entries(patch)) {
    if (key === "force") continue;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < -1) throw schemaError(key, raw, `${pyRepr(raw)} is less than the minimum of -1`);
    const inUse = (used as Record<string, number>)[key] ?? 0;
    if (!force && n !== -1 && n < inUse) {
      throw NovaFault.badRequest(
        `Quota limit ${n} for ${key} must be greater than or equal to already used and reserved ${inUse}.`,
      );
    }
    next[key as keyof NovaQuotaSet] = n;
  }
  call.ctx.state.quotas.set(call.params.projectId, next);
  // The PUT answer has no "id" (README §23).
  return novaJson(call.req, call.mv, 200, { quota_set: quotaValues(call, next) });
}

function availabilityZones(call: NovaCall, detail: boolean) {
  const host = call.ctx.state.seed.computeHost;
  if (!detail) {
    return { availabilityZoneInfo: [{ zoneName: host.availabilityZone, zoneState: { available: true }, hosts: null }] };
  }
  if (!call.auth.isAdmin) throw NovaFault.policy("os_compute_api:os-availability-zone:detail");
  const updated = isoMicrosNoZone(Math.floor(call.ctx.clock.now() / 10_000) * 10_000);
  const service = { available: true, active: true, updated_at: updated };
  return {
    availabilityZoneInfo: [
      {
        zoneName: "internal",
        zoneState: { available: true },
        hosts: { [host.name]: { "nova-conductor": service, "nova-scheduler": service } },
      },
      {
        zoneName: host.availabilityZone,
        zoneState: { available: true },
        hosts: { [host.name]: { "nova-compute": service } },
      },
    ],
  };
}

export function registerResourceRoutes(router: SimRouter<NovaHandler>): void {
  router
    .add("GET", "/flavors", (call) =>
      novaJson(call.req, call.mv, 200, {
        flavors: visibleFlavors(call).map((f) => ({
          id: f.id,
          links: flavorLinks(call, f.id),
          name: f.name,
          ...(atLeast(call.mv, 55) ? { description: f.description ?? null } : {}),
        })),
      }),
    )
    .add("GET", "/flavors/detail", (call) =>
      novaJson(call.req, call.mv, 200, { flavors: visibleFlavors(call).map((f) => flavorView(call, f)) }),
    )
    .add("GET", "/flavors/:id", (call) =>
      novaJson(call.req, call.mv, 200, { flavor: flavorView(call, findFlavor(call)) }),
    )
    .add("GET", "/flavors/:id/os-flavor-access", (call) => {
      if (!call.auth.isAdmin) throw NovaFault.policy("os_compute_api:os-flavor-access");
      const flavor = findFlavor(call);
      if (flavor.isPublic !== false) throw NovaFault.notFound("Access list not available for public flavors.");
      const access = (flavor.accessProjectIds ?? []).map((tenant_id) => ({ flavor_id: flavor.id, tenant_id }));
      return novaJson(call.req, call.mv, 200, { flavor_access: access });
    })
    .add("GET", "/flavors/:id/os-extra_specs", (call) =>
      novaJson(call.req, call.mv, 200, { extra_specs: { ...findFlavor(call).extraSpecs } }),
    )
    .add("POST", "/flavors", createFlavor)
    .add("DELETE", "/flavors/:id", (call) => {
      if (!call.auth.isAdmin) throw NovaFault.policy("os_compute_api:os-flavor-manage:delete");
      findFlavor(call);
      call.ctx.state.flavors.delete(call.params.id);
      // Flavor DELETE answers 202, unlike server DELETE (README §11).
      return novaJson(call.req, call.mv, 202, null);
    })
    .add("GET", "/limits", (call) => novaJson(call.req, call.mv, 200, limitsView(call)))
    .add("GET", "/os-quota-sets/:projectId", (call) => {
      const quota = readableQuota(call, "os_compute_api:os-quota-sets:show");
      return novaJson(call.req, call.mv, 200, {
        quota_set: { id: call.params.projectId, ...quotaValues(call, quota) },
      });
    })
    .add("GET", "/os-quota-sets/:projectId/detail", (call) => {
      const quota = readableQuota(call, "os_compute_api:os-quota-sets:detail");
      const used = call.ctx.state.usageOf(call.params.projectId) as Record<string, number>;
      const detail = Object.fromEntries(
        Object.entries(quotaValues(call, quota)).map(([k, limit]) => [k, { limit, in_use: used[k] ?? 0, reserved: 0 }]),
      );
      return novaJson(call.req, call.mv, 200, { quota_set: { id: call.params.projectId, ...detail } });
    })
    .add("GET", "/os-quota-sets/:projectId/defaults", (call) =>
      novaJson(call.req, call.mv, 200, {
        quota_set: { id: call.params.projectId, ...quotaValues(call, call.ctx.state.seed.defaultQuota) },
      }),
    )
    .add("PUT", "/os-quota-sets/:projectId", updateQuota)
    .add("DELETE", "/os-quota-sets/:projectId", (call) => {
      if (!call.auth.isAdmin) throw NovaFault.policy("os_compute_api:os-quota-sets:delete");
      call.ctx.state.quotas.set(call.params.projectId, { ...call.ctx.state.seed.defaultQuota });
      return novaJson(call.req, call.mv, 202, null);
    })
    .add("GET", "/os-availability-zone", (call) => novaJson(call.req, call.mv, 200, availabilityZones(call, false)))
    .add("GET", "/os-availability-zone/detail", (call) =>
      novaJson(call.req, call.mv, 200, availabilityZones(call, true)),
    );
}
