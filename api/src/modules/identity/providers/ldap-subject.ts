import type { Entry } from "ldapts";
import type { LdapProviderConfig } from "./identity-provider.schemas.js";

/**
 * Where a directory keeps a person's immutable id: Active Directory's objectGUID, then the entryUUID of RFC 4530
 * (OpenLDAP, 389 DS). Both survive renames and moves, unlike the DN and every login name.
 */
const DEFAULT_ID_ATTRIBUTES = ["objectGUID", "entryUUID"];

export function idAttributesOf(config: LdapProviderConfig): string[] {
  return config.idAttribute ? [config.idAttribute] : DEFAULT_ID_ATTRIBUTES;
}

/** AD's objectGUID is binary: asked for as a buffer, it is not mangled into text on the way. */
export function binaryIdAttributes(config: LdapProviderConfig): string[] {
  return idAttributesOf(config).filter((name) => name.toLowerCase() === "objectguid");
}

/** The GUID's usual text form: the first three groups are little-endian in AD's bytes. */
function guidText(bytes: Buffer): string {
  const hex = (from: number, to: number, reverse = false) => {
    const part = [...bytes.subarray(from, to)];
    return (reverse ? part.reverse() : part).map((byte) => byte.toString(16).padStart(2, "0")).join("");
  };
  return [hex(0, 4, true), hex(4, 6, true), hex(6, 8, true), hex(8, 10), hex(10, 16)].join("-");
}

function textOf(value: unknown): string | undefined {
  if (Buffer.isBuffer(value)) return value.length === 16 ? guidText(value) : value.toString("hex");
  return typeof value === "string" && value.trim() ? value.trim() : undefined;
}

/** The entry's immutable id as text, or undefined when it carries none of the attributes (a misconfiguration). */
export function subjectOf(config: LdapProviderConfig, entry: Entry): string | undefined {
  for (const name of idAttributesOf(config)) {
    const key = Object.keys(entry).find((candidate) => candidate.toLowerCase() === name.toLowerCase());
    const raw = key === undefined ? undefined : entry[key];
    const value = textOf(Array.isArray(raw) ? raw[0] : raw);
    if (value) return value.toLowerCase();
  }
  return undefined;
}
