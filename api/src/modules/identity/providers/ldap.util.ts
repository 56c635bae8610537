import type { Entry } from "ldapts";

const FILTER_SPECIALS = new Set(["*", "(", ")", "\\", String.fromCharCode(0)]);

/**
 * Escapes a value for use inside an LDAP search filter (RFC 4515): `*`, `(`, `)`, `\` and NUL become `\XX`, so
 * user input such as `*)(uid=*` can only ever be matched literally. Non-ASCII text is left as UTF-8.
 */
export function escapeFilterValue(value: string): string {
  let escaped = "";
  for (const char of value) {
    escaped += FILTER_SPECIALS.has(char) ? `\\${char.charCodeAt(0).toString(16).padStart(2, "0")}` : char;
  }
  return escaped;
}

/** Decodes the DN escapes of RFC 4514 (`\,`, `\+`, `\\`, `\2C`, …) in one attribute value. */
function unescapeDnValue(value: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < value.length; i++) {
    const char = value[i];
    if (char === "\\" && i + 1 < value.length) {
      const hex = value.slice(i + 1, i + 3);
      if (/^[0-9a-fA-F]{2}$/.test(hex)) {
        bytes.push(Number.parseInt(hex, 16));
        i += 2;
      } else {
        bytes.push(...Buffer.from(value[i + 1], "utf8"));
        i += 1;
      }
    } else {
      bytes.push(...Buffer.from(char, "utf8"));
    }
  }
  return Buffer.from(bytes).toString("utf8");
}

/**
 * The value of a DN's first RDN, e.g. `desktop-users` for `cn=desktop-users,ou=groups,…` (escaped commas respected).
 * Undefined for strings that are not DNs.
 */
export function firstRdnValue(dn: string): string | undefined {
  let end = dn.length;
  for (let i = 0; i < dn.length; i++) {
    if (dn[i] === "\\") i++;
    else if (dn[i] === "," || dn[i] === "+") {
      end = i;
      break;
    }
  }
  const rdn = dn.slice(0, end);
  const eq = rdn.indexOf("=");
  if (eq <= 0) return undefined;
  const value = unescapeDnValue(rdn.slice(eq + 1).trim());
  return value.length > 0 ? value : undefined;
}

/** DNs compare case-insensitively in practice (attribute names and the usual string values alike). */
export function normaliseDn(dn: string): string {
  return dn
    .split(/(?<!\\),/)
    .map((part) => part.trim())
    .join(",")
    .toLowerCase();
}

/** Every value of an attribute as text (attribute names are case-insensitive in LDAP); binary values are skipped. */
export function attributeValues(entry: Entry, name: string): string[] {
  const key = Object.keys(entry).find((candidate) => candidate.toLowerCase() === name.toLowerCase());
  if (key === undefined || key === "dn") return [];
  const raw = entry[key];
  const list = Array.isArray(raw) ? raw : [raw];
  return list.filter((value): value is string => typeof value === "string");
}

export function firstAttributeValue(entry: Entry, name: string): string | undefined {
  return attributeValues(entry, name)[0];
}
