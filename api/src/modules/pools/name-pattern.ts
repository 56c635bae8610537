/**
 * Desktop names from a pool's pattern: `{SEQ}` (or `{SEQ:n}`, zero-padded to n digits), `{TENANT}` (tenant slug)
 * and `{POOL}` (pool name). The result doubles as the Windows/Linux hostname, so it is restricted to what both
 * accept: letters, digits and hyphens, not starting or ending with a hyphen.
 */

const TOKEN = /\{(SEQ(?::(\d{1,2}))?|TENANT|POOL)\}/g;
const HOSTNAME = /^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?$/;
/** A DNS label; the desktop name column and Nova accept more, the guest's hostname does not. */
export const MAX_DESKTOP_NAME_LENGTH = 63;
/** NetBIOS names stop at 15 characters; longer names break the AD join of Windows desktops. */
export const MAX_WINDOWS_NAME_LENGTH = 15;

export interface NameContext {
  seq: number;
  tenantSlug: string;
  poolName: string;
}

export function renderDesktopName(pattern: string, context: NameContext): string {
  return pattern.replace(TOKEN, (_match, token: string, width?: string) => {
    if (token === "TENANT") return slugPart(context.tenantSlug);
    if (token === "POOL") return slugPart(context.poolName);
    return String(context.seq).padStart(width ? Number(width) : 0, "0");
  });
}

/** Why a pattern is unusable, or null. Checked with a large sequence number so padding cannot hide overflow later. */
export function namePatternProblem(
  pattern: string,
  tenantSlug: string,
  poolName: string,
  maxLength = MAX_DESKTOP_NAME_LENGTH,
): string | null {
  const seqTokens = [...pattern.matchAll(TOKEN)].filter((match) => match[1]!.startsWith("SEQ"));
  if (seqTokens.length !== 1) return "namePattern must contain {SEQ} (or {SEQ:n}) exactly once";
  const leftover = pattern.replace(TOKEN, "");
  if (/[{}]/.test(leftover)) return "namePattern has an unknown token; use {SEQ}, {SEQ:n}, {TENANT} or {POOL}";
  const sample = renderDesktopName(pattern, { seq: 999, tenantSlug, poolName });
  if (!HOSTNAME.test(sample)) {
    return `namePattern gives "${sample}": use letters, digits and inner hyphens only (it becomes the hostname)`;
  }
  if (sample.length > maxLength) {
    return `namePattern gives "${sample}", longer than ${maxLength} characters allowed for this pool's hostnames`;
  }
  return null;
}

/** The fixed text around `{SEQ}` of a pool's names, lower-cased: hostnames (and AD computer names) ignore case. */
export function namePatternParts(
  pattern: string,
  context: Omit<NameContext, "seq">,
): { prefix: string; suffix: string } {
  const [prefix = "", suffix = ""] = pattern
    .replace(TOKEN, (match, token: string) =>
      token.startsWith("SEQ") ? "\u0000" : renderDesktopName(match, { ...context, seq: 0 }),
    )
    .toLowerCase()
    .split("\u0000");
  return { prefix, suffix };
}

const DIGITS = /^[0-9]*$/;

/** Whether the longer of two texts starts (or ends) with the shorter and the rest could be sequence digits. */
function digitsApart(a: string, b: string, at: "start" | "end"): boolean {
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  if (at === "start") return long.startsWith(short) && DIGITS.test(long.slice(short.length));
  return long.endsWith(short) && DIGITS.test(long.slice(0, long.length - short.length));
}

/**
 * Whether two pools' patterns can ever give the same name: names are prefix + digits + suffix, so they meet exactly
 * when one prefix extends the other by digits only and one suffix does the same (padding is ignored: `{SEQ:3}` and
 * `{SEQ:4}` still meet at 1000). Errs towards "can collide", never the other way.
 */
export function patternsCollide(a: { prefix: string; suffix: string }, b: { prefix: string; suffix: string }): boolean {
  return digitsApart(a.prefix, b.prefix, "start") && digitsApart(a.suffix, b.suffix, "end");
}

/** Lower-cased, hostname-safe form of a tenant slug or pool name. */
function slugPart(value: string): string {
  return value
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, "-")
    .replace(/^-+|-+$/g, "");
}
