import { NovaFault } from "../core/errors.js";
import { atLeast } from "../core/nova-microversion.js";
import { deriveStatus } from "../core/server-state-machine.js";
import { truncateToSecond } from "../core/sim-clock.js";
import type { SimServer } from "../core/simulator.state.js";
import type { NovaCall } from "./nova-call.js";
import { serverSummary, serverView } from "./nova-server-view.js";

const MAX_LIMIT = 1000;

/** Query parameters Nova Zed's servers index schema knows; from 2.75 anything else is a 400 (README §18). */
const KNOWN_PARAMS = new Set([
  "limit",
  "marker",
  "status",
  "name",
  "changes-since",
  "changes-before",
  "tags",
  "tags-any",
  "not-tags",
  "not-tags-any",
  "image",
  "image_ref",
  "flavor",
  "ip",
  "ip6",
  "sort_key",
  "sort_dir",
  "all_tenants",
  "deleted",
  "project_id",
  "tenant_id",
  "user_id",
  "uuid",
  "reservation_id",
  "availability_zone",
  "key_name",
  "locked",
  "description",
  "metadata",
  "host",
  "node",
  "hostname",
  "config_drive",
  "access_ip_v4",
  "access_ip_v6",
  "vm_state",
  "task_state",
  "power_state",
  "launched_at",
  "terminated_at",
  "created_at",
  "progress",
  "display_name",
  "display_description",
  "soft_deleted",
  "locked_by",
  "launch_index",
  "kernel_id",
  "ramdisk_id",
]);

const SORT_KEYS: Record<string, (s: SimServer) => string | number> = {
  created_at: (s) => s.seq,
  updated_at: (s) => s.updatedAt,
  display_name: (s) => s.name,
  uuid: (s) => s.id,
  launched_at: (s) => s.launchedAt ?? 0,
};

function parseDateParam(name: string, value: string): number {
  // jsonschema 'date-time' (RFC 3339) — Nova also accepts it without zone.
  const ok = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/i.test(value);
  const parsed = Date.parse(/(Z|[+-]\d{2}:?\d{2})$/i.test(value) ? value : `${value}Z`);
  if (!ok || Number.isNaN(parsed)) {
    throw NovaFault.badRequest(
      `Invalid input for query parameters ${name}. Value: ${value}. '${value}' is not a 'date-time'`,
    );
  }
  return parsed;
}

function commaList(value: string | null): string[] | null {
  return value === null ? null : value.split(",").filter((t) => t !== "");
}

function nameMatcher(pattern: string): (name: string) => boolean {
  try {
    const re = new RegExp(pattern, "i");
    return (name) => re.test(name);
  } catch {
    return (name) => name.toLowerCase().includes(pattern.toLowerCase());
  }
}

/** GET /servers and /servers/detail: Nova's filters, sort, marker paging and `servers_links`. */
export function listServers(call: NovaCall, detail: boolean): unknown {
  const { ctx, auth, mv } = call;
  const q = call.req.query;
  if (atLeast(mv, 75)) {
    for (const key of q.keys()) {
      if (!KNOWN_PARAMS.has(key) && !key.startsWith("_")) {
        throw NovaFault.badRequest(`'${key}' does not match any of the regexes: '^_'`);
      }
    }
  }
  const allTenants = q.has("all_tenants") && !["0", "false", "False"].includes(q.get("all_tenants") ?? "");
  if (allTenants && !auth.isAdmin) {
    throw NovaFault.policy(`os_compute_api:servers:${detail ? "detail" : "index"}:get_all_tenants`);
  }
  const statuses = q.getAll("status").map((s) => s.toUpperCase());
  if (statuses.includes("DELETED") && !auth.isAdmin) {
    throw NovaFault.forbidden("Only administrators may list deleted instances");
  }
  const limitText = q.get("limit");
  if (limitText !== null && !/^[0-9]*$/.test(limitText)) {
    throw NovaFault.badRequest(
      `Invalid input for query parameters limit. Value: ${limitText}. '${limitText}' does not match '^[0-9]*$'`,
    );
  }
  const changesSinceText = q.get("changes-since");
  const changesSince = changesSinceText === null ? null : parseDateParam("changes-since", changesSinceText);
  const changesBeforeText = atLeast(mv, 66) ? q.get("changes-before") : null;
  const changesBefore = changesBeforeText === null ? null : parseDateParam("changes-before", changesBeforeText);
  // Deleted rows are only returned with changes-since/before, or to admins asking for deleted=true.
  const adminDeleted = auth.isAdmin && q.get("deleted") === "true";
  const includeDeleted =
    changesSince !== null || changesBefore !== null || adminDeleted || statuses.includes("DELETED");

  const projectFilter = auth.isAdmin ? (q.get("project_id") ?? q.get("tenant_id")) : null;
  const scope = [...ctx.state.servers.values()].filter((s) => {
    if (auth.isAdmin && allTenants) return projectFilter === null || s.projectId === projectFilter;
    return s.projectId === (projectFilter ?? auth.project.id);
  });

  const name = q.get("name");
  const matchName = name === null ? null : nameMatcher(name);
  const tagsAll = commaList(q.get("tags"));
  const tagsAny = commaList(q.get("tags-any"));
  const notTags = commaList(q.get("not-tags"));
  const notTagsAny = commaList(q.get("not-tags-any"));
  const image = q.get("image");
  const flavor = q.get("flavor");
  const ip = q.get("ip");
  const ipMatcher = ip === null ? null : nameMatcher(ip);
  const uuid = q.get("uuid");
  const reservation = q.get("reservation_id");

  const matches = scope.filter((s) => {
    const deleted = s.vmState === "deleted";
    if (deleted && !includeDeleted) return false;
    if (adminDeleted && !deleted) return false;
    const updated = truncateToSecond(s.updatedAt);
    if (changesSince !== null && updated < changesSince) return false;
    if (changesBefore !== null && updated > changesBefore) return false;
    if (statuses.length > 0 && !statuses.includes(deriveStatus(s.vmState, s.taskState))) return false;
    if (matchName && !matchName(s.name)) return false;
    if (tagsAll && !tagsAll.every((t) => s.tags.includes(t))) return false;
    if (tagsAny && !tagsAny.some((t) => s.tags.includes(t))) return false;
    if (notTags?.every((t) => s.tags.includes(t))) return false;
    if (notTagsAny?.some((t) => s.tags.includes(t))) return false;
    if (image !== null && s.imageId !== image) return false;
    if (flavor !== null && s.flavor.id !== flavor) return false;
    if (ipMatcher && !s.addresses.some((a) => ipMatcher(a.addr))) return false;
    if (uuid !== null && s.id !== uuid) return false;
    if (reservation !== null && s.reservationId !== reservation) return false;
    return true;
  });

  const sortKey = SORT_KEYS[q.get("sort_key") ?? "created_at"] ?? SORT_KEYS.created_at;
  const ascending = q.get("sort_dir") === "asc";
  const compare = (a: SimServer, b: SimServer) => {
    const ka = sortKey(a);
    const kb = sortKey(b);
    const primary = ka < kb ? -1 : ka > kb ? 1 : a.seq - b.seq;
    return ascending ? primary : -primary;
  };
  matches.sort(compare);

  let page = matches;
  const marker = q.get("marker");
  if (marker !== null) {
    const anchor = scope.find((s) => s.id === marker);
    if (!anchor) throw NovaFault.badRequest(`marker [${marker}] not found`);
    page = page.filter((s) => compare(anchor, s) < 0);
  }
  const limit = Math.min(limitText ? Number(limitText) : MAX_LIMIT, MAX_LIMIT);
  page = page.slice(0, limit);

  const body: Record<string, unknown> = {
    servers: page.map((s) =>
      detail ? serverView(ctx, s, { mv, isAdmin: auth.isAdmin, view: "detail" }) : serverSummary(ctx, s),
    ),
  };
  // Nova adds a next link whenever the page is full, so the last full page still has one (README §19).
  if (page.length > 0 && page.length === limit) {
    const params = new URLSearchParams(call.req.rawQuery);
    params.delete("marker");
    params.append("marker", page[page.length - 1].id);
    body.servers_links = [
      { rel: "next", href: `${ctx.urls.compute}/v2.1/servers${detail ? "/detail" : ""}?${params.toString()}` },
    ];
  }
  return body;
}
