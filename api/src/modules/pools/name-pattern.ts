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

/** Lower-cased, hostname-safe form of a tenant slug or pool name. */
function slugPart(value: string): string {
  return value
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, "-")
    .replace(/^-+|-+$/g, "");
}
