import { headers } from "next/headers";

/**
 * The portal's absolute base URL for links people copy or receive by mail: the configured public address
 * (ATRIUM_PUBLIC_URL, else NEXTAUTH_URL) when set, else the origin the browser used. The forwarded proto and host
 * are the ones the portal server kept from its trusted proxies or set itself (portal/server/browser-client.ts).
 */
export async function portalBaseUrl(): Promise<string> {
  const configured = process.env.ATRIUM_PUBLIC_URL ?? process.env.NEXTAUTH_URL;
  if (configured && URL.canParse(configured)) return new URL(configured).origin;
  const incoming = await headers();
  const host = incoming.get("x-forwarded-host") ?? incoming.get("host") ?? "localhost";
  const proto = incoming.get("x-forwarded-proto")?.split(",")[0]?.trim() ?? "http";
  return `${proto === "https" ? "https" : "http"}://${host}`;
}
