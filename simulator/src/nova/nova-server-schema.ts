import { NovaFault } from "../core/errors.js";
import type { Microversion } from "../core/nova-microversion.js";
import { atLeast } from "../core/nova-microversion.js";
import { isPlainObject } from "../core/sim-http.js";

/** Python `repr()` of a JSON value: Nova puts it verbatim into its jsonschema messages (README §10). */
export function pyRepr(value: unknown): string {
  if (value === null || value === undefined) return "None";
  if (value === true) return "True";
  if (value === false) return "False";
  if (typeof value === "number") return String(value);
  if (typeof value === "string") return `'${value.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;
  if (Array.isArray(value)) return `[${value.map(pyRepr).join(", ")}]`;
  return `{${Object.entries(value as Record<string, unknown>)
    .map(([k, v]) => `${pyRepr(k)}: ${pyRepr(v)}`)
    .join(", ")}}`;
}

/** `str()` of a value as Nova prints it after "Value:" (strings unquoted). */
function pyStr(value: unknown): string {
  return typeof value === "string" ? value : pyRepr(value);
}

/** jsonschema's message with Nova's "Invalid input for field/attribute <last path element>" wrapper. */
export function schemaError(field: string | number, value: unknown, message: string): NovaFault {
  return NovaFault.badRequest(`Invalid input for field/attribute ${field}. Value: ${pyStr(value)}. ${message}`);
}

export const UUID_RE = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;

export interface BdmRequest {
  bootIndex: number | null;
  uuid: string | null;
  sourceType: "image" | "volume" | "snapshot" | "blank";
  destinationType: "volume" | "local";
  volumeSize: number | null;
  volumeType: string | null;
  deleteOnTermination: boolean;
}

export interface CreateServerRequest {
  name: string;
  imageRef: string;
  flavorRef: string;
  networks: "auto" | "none" | { uuid?: string; port?: string; fixedIp?: string }[] | undefined;
  metadata: Record<string, string>;
  tags: string[];
  bdm: BdmRequest[];
  minCount: number;
  maxCount: number;
  userData: string | null;
  keyName: string | null;
  securityGroups: string[] | null;
  availabilityZone: string | null;
  description: string | null;
  configDrive: boolean;
  diskConfig: string;
  returnReservationId: boolean;
  adminPass: string | null;
}

function allowedServerKeys(mv: Microversion): Set<string> {
  const keys = [
    "name",
    "imageRef",
    "flavorRef",
    "adminPass",
    "metadata",
    "networks",
    "OS-DCF:diskConfig",
    "accessIPv4",
    "accessIPv6",
    "block_device_mapping",
    "block_device_mapping_v2",
    "config_drive",
    "key_name",
    "min_count",
    "max_count",
    "return_reservation_id",
    "security_groups",
    "user_data",
    "availability_zone",
    "os:scheduler_hints",
  ];
  if (!atLeast(mv, 57)) keys.push("personality");
  if (atLeast(mv, 19)) keys.push("description");
  if (atLeast(mv, 52)) keys.push("tags");
  if (atLeast(mv, 63)) keys.push("trusted_image_certificates");
  if (atLeast(mv, 74)) keys.push("host", "hypervisor_hostname");
  if (atLeast(mv, 90)) keys.push("hostname");
  return new Set(keys);
}

function unexpected(field: string | number, value: Record<string, unknown>, allowed: Set<string>): NovaFault | null {
  const extra = Object.keys(value).filter((k) => !allowed.has(k));
  if (extra.length === 0) return null;
  const list = extra.map((k) => pyRepr(k)).join(", ");
  const verb = extra.length === 1 ? "was" : "were";
  return schemaError(field, value, `Additional properties are not allowed (${list} ${verb} unexpected)`);
}

function count(server: Record<string, unknown>, key: string): number {
  const value = server[key];
  if (value === undefined) return 1;
  const n = typeof value === "string" && /^\d+$/.test(value) ? Number(value) : value;
  if (typeof n !== "number" || !Number.isInteger(n) || n < 1) {
    throw schemaError(key, value, `${pyRepr(value)} is not valid under any of the given schemas`);
  }
  return n;
}

/** The create-server request schema of Nova Zed, for the fields a VDI broker uses, in jsonschema's wording. */
export function validateCreateServer(body: unknown, mv: Microversion): CreateServerRequest {
  if (!isPlainObject(body)) throw NovaFault.badRequest("Malformed request body");
  const server = body.server;
  if (server === undefined) throw NovaFault.badRequest("'server' is a required property");
  if (!isPlainObject(server)) throw schemaError("server", server, `${pyRepr(server)} is not of type 'object'`);
  const required = ["name", "flavorRef", ...(atLeast(mv, 37) ? ["networks"] : [])];
  for (const key of required) {
    if (!(key in server)) throw schemaError("server", server, `'${key}' is a required property`);
  }
  const extra = unexpected("server", server, allowedServerKeys(mv));
  if (extra) throw extra;

  const name = server.name;
  if (typeof name !== "string") throw schemaError("name", name, `${pyRepr(name)} is not of type 'string'`);
  if (name.length === 0) throw schemaError("name", name, "'' is too short");
  if (name.length > 255) throw schemaError("name", name, `${pyRepr(name)} is too long`);

  const imageRef = server.imageRef ?? "";
  if (typeof imageRef !== "string" || (imageRef !== "" && !UUID_RE.test(imageRef))) {
    throw schemaError("imageRef", imageRef, `${pyRepr(imageRef)} is not valid under any of the given schemas`);
  }
  const flavorRef = server.flavorRef;
  if (
    !(typeof flavorRef === "string" && flavorRef.length > 0) &&
    !(Number.isInteger(flavorRef) && Number(flavorRef) > 0)
  ) {
    throw schemaError("flavorRef", flavorRef, `${pyRepr(flavorRef)} is not valid under any of the given schemas`);
  }

  return {
    name,
    imageRef,
    flavorRef: String(flavorRef),
    networks: validateNetworks(server.networks, mv),
    metadata: validateMetadata(server.metadata),
    tags: validateTags(server.tags),
    bdm: validateBdm(server.block_device_mapping_v2, mv),
    minCount: count(server, "min_count"),
    maxCount: count(server, "max_count"),
    userData: validateUserData(server.user_data),
    keyName: typeof server.key_name === "string" ? server.key_name : null,
    securityGroups: Array.isArray(server.security_groups)
      ? server.security_groups.map((g) => (isPlainObject(g) && typeof g.name === "string" ? g.name : String(g)))
      : null,
    availabilityZone: typeof server.availability_zone === "string" ? server.availability_zone : null,
    description: typeof server.description === "string" ? server.description : null,
    configDrive: server.config_drive === true || server.config_drive === "true" || server.config_drive === "True",
    diskConfig: server["OS-DCF:diskConfig"] === "AUTO" ? "AUTO" : "MANUAL",
    returnReservationId: server.return_reservation_id === true,
    adminPass: typeof server.adminPass === "string" ? server.adminPass : null,
  };
}

function validateNetworks(value: unknown, mv: Microversion): CreateServerRequest["networks"] {
  if (value === undefined) return undefined;
  if (typeof value === "string") {
    if (!atLeast(mv, 37)) throw schemaError("networks", value, `${pyRepr(value)} is not of type 'array'`);
    if (value === "auto" || value === "none") return value;
    throw schemaError("networks", value, `${pyRepr(value)} is not valid under any of the given schemas`);
  }
  if (!Array.isArray(value)) throw schemaError("networks", value, `${pyRepr(value)} is not of type 'array'`);
  return value.map((item, index) => {
    if (!isPlainObject(item)) throw schemaError(index, item, `${pyRepr(item)} is not of type 'object'`);
    const extra = unexpected(index, item, new Set(["uuid", "port", "fixed_ip", "tag"]));
    if (extra) throw extra;
    if (item.uuid !== undefined && (typeof item.uuid !== "string" || !UUID_RE.test(item.uuid))) {
      throw schemaError("uuid", item.uuid, `${pyRepr(item.uuid)} is not a 'uuid'`);
    }
    return {
      uuid: item.uuid as string | undefined,
      port: typeof item.port === "string" ? item.port : undefined,
      fixedIp: typeof item.fixed_ip === "string" ? item.fixed_ip : undefined,
    };
  });
}

function validateMetadata(value: unknown): Record<string, string> {
  if (value === undefined) return {};
  if (!isPlainObject(value)) throw schemaError("metadata", value, `${pyRepr(value)} is not of type 'object'`);
  for (const [key, v] of Object.entries(value)) {
    if (key.length < 1 || key.length > 255) throw schemaError("metadata", value, `${pyRepr(key)} is too long`);
    if (typeof v !== "string") throw schemaError(key, v, `${pyRepr(v)} is not of type 'string'`);
    if (v.length > 255) throw schemaError(key, v, `${pyRepr(v)} is too long`);
  }
  return { ...(value as Record<string, string>) };
}

export function validateTags(value: unknown): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw schemaError("tags", value, `${pyRepr(value)} is not of type 'array'`);
  if (value.length > 50) throw schemaError("tags", value, `${pyRepr(value)} is too long`);
  for (const [index, tag] of value.entries()) validateTag(tag, index);
  return [...new Set(value as string[])];
}

export function validateTag(tag: unknown, field: string | number): string {
  if (typeof tag !== "string") throw schemaError(field, tag, `${pyRepr(tag)} is not of type 'string'`);
  if (tag.length < 1) throw schemaError(field, tag, "'' is too short");
  if (tag.length > 60) throw schemaError(field, tag, `${pyRepr(tag)} is too long`);
  if (/[,/]/.test(tag)) throw schemaError(field, tag, `${pyRepr(tag)} does not match '^[^,/]*$'`);
  return tag;
}

function validateUserData(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== "string" || value.length > 65535) {
    throw schemaError("user_data", value, `${pyRepr(value)} is not valid under any of the given schemas`);
  }
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(value.replace(/\s/g, "")) || value.replace(/\s/g, "").length % 4 !== 0) {
    throw NovaFault.badRequest("User data needs to be valid base 64.");
  }
  return value;
}

function validateBdm(value: unknown, mv: Microversion): BdmRequest[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    throw schemaError("block_device_mapping_v2", value, `${pyRepr(value)} is not of type 'array'`);
  }
  const allowed = new Set([
    "boot_index",
    "uuid",
    "source_type",
    "destination_type",
    "volume_size",
    "delete_on_termination",
    "device_name",
    "device_type",
    "disk_bus",
    "guest_format",
    "no_device",
    "tag",
  ]);
  if (atLeast(mv, 67)) allowed.add("volume_type");
  return value.map((item, index) => {
    if (!isPlainObject(item)) throw schemaError(index, item, `${pyRepr(item)} is not of type 'object'`);
    const extra = unexpected(index, item, allowed);
    if (extra) throw extra;
    const source = item.source_type ?? "blank";
    if (!["image", "volume", "snapshot", "blank"].includes(String(source))) {
      throw schemaError(
        "source_type",
        source,
        `${pyRepr(source)} is not one of ['volume', 'image', 'snapshot', 'blank']`,
      );
    }
    const destination = item.destination_type ?? "volume";
    if (!["volume", "local"].includes(String(destination))) {
      throw schemaError("destination_type", destination, `${pyRepr(destination)} is not one of ['local', 'volume']`);
    }
    if (item.uuid !== undefined && (typeof item.uuid !== "string" || !/^[a-zA-Z0-9._-]+$/.test(item.uuid))) {
      throw schemaError("uuid", item.uuid, `${pyRepr(item.uuid)} does not match '^[a-zA-Z0-9._-]*$'`);
    }
    const size = item.volume_size === undefined ? null : Number(item.volume_size);
    if (size !== null && (!Number.isInteger(size) || size < 0)) {
      throw schemaError(
        "volume_size",
        item.volume_size,
        `${pyRepr(item.volume_size)} is not valid under any of the given schemas`,
      );
    }
    const bootIndex = item.boot_index === undefined || item.boot_index === null ? null : Number(item.boot_index);
    return {
      bootIndex: bootIndex !== null && Number.isInteger(bootIndex) ? bootIndex : null,
      uuid: (item.uuid as string | undefined) ?? null,
      sourceType: source as BdmRequest["sourceType"],
      destinationType: destination as BdmRequest["destinationType"],
      volumeSize: size,
      volumeType: typeof item.volume_type === "string" ? item.volume_type : null,
      deleteOnTermination: item.delete_on_termination === true || item.delete_on_termination === "true",
    };
  });
}
