/** Where a user of this tenant signs in; MSP staff (no tenant) use the plain sign-in page. */
export function signInPath(tenantSlug: string | null): string {
  return tenantSlug ? `/t/${encodeURIComponent(tenantSlug)}` : "/signin";
}

/**
 * Tenant from the login hostname: with ATRIUM_PORTAL_DOMAIN=desktops.example.com, `acme.desktops.example.com`
 * signs in to tenant `acme`. Hosts outside that domain (or an IP address) carry no tenant.
 */
export function tenantSlugFromHost(host: string | null, portalDomain: string | undefined): string | null {
  if (!host || !portalDomain) return null;
  const hostname = host.replace(/:\d+$/, "").toLowerCase();
  const domain = portalDomain.toLowerCase().replace(/^\./, "");
  if (!hostname.endsWith(`.${domain}`)) return null;
  const label = hostname.slice(0, -(domain.length + 1));
  return /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/.test(label) ? label : null;
}

/** Only same-site paths are followed after sign-in, so a crafted link cannot send users elsewhere. */
export function safeCallbackPath(value: string | null | undefined): string {
  if (!value?.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return "/";
  return value;
}
