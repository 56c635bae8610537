import type { Microversion } from "../core/nova-microversion.js";
import { atLeast } from "../core/nova-microversion.js";
import { deriveStatus } from "../core/server-state-machine.js";
import { isoMicrosNoZone, isoSeconds } from "../core/sim-clock.js";
import type { SimContext } from "../core/simulator.context.js";
import type { SimServer } from "../core/simulator.state.js";

export interface ViewOptions {
  mv: Microversion;
  isAdmin: boolean;
  /** `show` (GET one, PUT) adds `server_groups` from 2.71; lists never have it. */
  view: "show" | "detail";
}

const PROGRESS_STATUSES = new Set(["ACTIVE", "BUILD", "REBUILD", "RESIZE", "VERIFY_RESIZE", "MIGRATING"]);

export function serverLinks(ctx: SimContext, id: string) {
  return [
    { rel: "self", href: `${ctx.urls.compute}/v2.1/servers/${id}` },
    { rel: "bookmark", href: `${ctx.urls.compute}/servers/${id}` },
  ];
}

export function serverSummary(ctx: SimContext, server: SimServer) {
  return { id: server.id, name: server.name, links: serverLinks(ctx, server.id) };
}

function flavorView(ctx: SimContext, server: SimServer, mv: Microversion) {
  const f = server.flavor;
  if (!atLeast(mv, 47)) {
    return { id: f.id, links: [{ rel: "bookmark", href: `${ctx.urls.compute}/flavors/${f.id}` }] };
  }
  return {
    vcpus: f.vcpus,
    ram: f.ramMb,
    disk: f.diskGb,
    ephemeral: f.ephemeralGb,
    swap: f.swapMb,
    original_name: f.name,
    extra_specs: { ...f.extraSpecs },
  };
}

function addressesView(server: SimServer) {
  const out: Record<string, unknown[]> = {};
  for (const a of server.addresses) {
    out[a.networkName] ??= [];
    out[a.networkName].push({ version: 4, addr: a.addr, "OS-EXT-IPS:type": "fixed", "OS-EXT-IPS-MAC:mac_addr": a.mac });
  }
  return out;
}

/**
 * The full server document, key for key in the order Nova Zed emits it, with the keys that come and go by
 * state (progress/fault), role (OS-EXT-SRV-ATTR, host_status, fault.details) and microversion (README §14, §17).
 */
export function serverView(ctx: SimContext, server: SimServer, opts: ViewOptions): Record<string, unknown> {
  const { mv, isAdmin } = opts;
  const status = deriveStatus(server.vmState, server.taskState);
  const deleted = server.vmState === "deleted";
  const out: Record<string, unknown> = {
    id: server.id,
    name: server.name,
    status,
    tenant_id: server.projectId,
    user_id: server.userId,
    metadata: { ...server.metadata },
    hostId: ctx.state.hostIdOf(server),
    image: server.imageId
      ? { id: server.imageId, links: [{ rel: "bookmark", href: `${ctx.urls.compute}/images/${server.imageId}` }] }
      : "",
    flavor: flavorView(ctx, server, mv),
    created: isoSeconds(server.createdAt),
    updated: isoSeconds(server.updatedAt),
    addresses: addressesView(server),
    accessIPv4: "",
    accessIPv6: "",
    links: serverLinks(ctx, server.id),
    "OS-DCF:diskConfig": server.diskConfig,
  };
  // The recorded Zed lists (/servers/detail) carry no fault even for ERROR servers; only GET of one does.
  if (server.fault && opts.view === "show" && (server.vmState === "error" || deleted)) {
    const fault: Record<string, unknown> = {
      code: server.fault.code,
      created: isoSeconds(server.fault.createdAt),
      message: server.fault.message,
    };
    // Tracebacks of 500 faults are admin-only by default policy.
    if (isAdmin || server.fault.code !== 500) fault.details = server.fault.details;
    out.fault = fault;
  } else if (PROGRESS_STATUSES.has(status)) {
    // Nova only reports progress for these statuses; the recordings (and libvirt until spawned) show 0.
    out.progress = 0;
  }
  out["OS-EXT-AZ:availability_zone"] = server.availabilityZone;
  out.config_drive = server.configDrive;
  out.key_name = server.keyName;
  out["OS-SRV-USG:launched_at"] = server.launchedAt === null ? null : isoMicrosNoZone(server.launchedAt);
  out["OS-SRV-USG:terminated_at"] = server.terminatedAt === null ? null : isoMicrosNoZone(server.terminatedAt);
  if (isAdmin) {
    out["OS-EXT-SRV-ATTR:host"] = server.host;
    out["OS-EXT-SRV-ATTR:instance_name"] = server.instanceName;
    out["OS-EXT-SRV-ATTR:hypervisor_hostname"] = server.host;
    if (atLeast(mv, 3)) {
      out["OS-EXT-SRV-ATTR:reservation_id"] = server.reservationId;
      out["OS-EXT-SRV-ATTR:launch_index"] = server.launchIndex;
      out["OS-EXT-SRV-ATTR:hostname"] = hostnameOf(server);
      out["OS-EXT-SRV-ATTR:kernel_id"] = "";
      out["OS-EXT-SRV-ATTR:ramdisk_id"] = "";
      out["OS-EXT-SRV-ATTR:root_device_name"] = server.launchedAt === null ? null : rootDevice(server);
      out["OS-EXT-SRV-ATTR:user_data"] = server.userData;
    }
  } else if (atLeast(mv, 90)) {
    out["OS-EXT-SRV-ATTR:hostname"] = hostnameOf(server);
  }
  out["OS-EXT-STS:task_state"] = server.taskState;
  out["OS-EXT-STS:vm_state"] = server.vmState;
  out["OS-EXT-STS:power_state"] = server.powerState;
  out["os-extended-volumes:volumes_attached"] = server.volumeIds.map((id) => {
    const volume = ctx.state.volumes.get(id);
    return atLeast(mv, 3) ? { id, delete_on_termination: volume?.deleteOnTermination ?? false } : { id };
  });
  if (server.addresses.length > 0 && !deleted) {
    out.security_groups = server.securityGroups.map((name) => ({ name }));
  }
  if (isAdmin && atLeast(mv, 16)) out.host_status = server.host ? "UP" : "";
  if (atLeast(mv, 9)) out.locked = false;
  if (atLeast(mv, 73)) out.locked_reason = null;
  if (atLeast(mv, 19)) out.description = server.description;
  if (atLeast(mv, 26)) out.tags = [...server.tags];
  if (atLeast(mv, 63)) out.trusted_image_certificates = null;
  if (opts.view === "show" && atLeast(mv, 71)) out.server_groups = [];
  return out;
}

function hostnameOf(server: SimServer): string {
  return (
    server.name
      .toLowerCase()
      .replace(/[^a-z0-9-]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 63) || "server"
  );
}

function rootDevice(server: SimServer): string {
  return server.volumeIds.length > 0 ? "/dev/vda" : "/dev/sda";
}
