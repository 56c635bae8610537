import type { AppConfig } from "../config/env.js";

export type OriginCheck = (origin: string | undefined) => boolean;

interface OriginPattern {
  scheme: string;
  /** Exact host[:port], or the suffix after `*.` for a tenant subdomain pattern. */
  host: string;
  anySubdomain: boolean;
}

function patternOf(entry: string): OriginPattern {
  const match = /^(https?):\/\/(\*\.)?([a-z0-9.-]+(?::\d{1,5})?)$/i.exec(entry);
  if (!match) throw new Error(`API_CORS_ORIGINS: "${entry}" is not an origin such as https://portal.example.com`);
  return { scheme: match[1].toLowerCase(), anySubdomain: Boolean(match[2]), host: match[3].toLowerCase() };
}

/**
 * Which browser origins may call the API. The portal calls the API from its server, so browsers need no CORS at
 * all by default except on the portal's own origin as `npm start` serves it; production lists the portal's public
 * origin(s), with `https://*.desktops.example.com` for tenant subdomains. Anything else gets no CORS headers, so a
 * page on another site can neither read answers nor send credentialed preflighted calls.
 */
export function corsOriginCheck(config: Pick<AppConfig, "API_CORS_ORIGINS" | "HOST" | "PORTAL_PORT">): OriginCheck {
  const entries = (config.API_CORS_ORIGINS ?? `http://${config.HOST}:${config.PORTAL_PORT}`)
    .split(",")
    .map((entry) => entry.trim())
    .filter((entry) => entry !== "");
  const patterns = entries.map(patternOf);
  return (origin) => {
    if (!origin) return false;
    const match = /^(https?):\/\/([^/]+)$/i.exec(origin);
    if (!match) return false;
    const [scheme, host] = [match[1].toLowerCase(), match[2].toLowerCase()];
    return patterns.some((pattern) => {
      if (pattern.scheme !== scheme) return false;
      if (!pattern.anySubdomain) return pattern.host === host;
      const label = host.slice(0, -(pattern.host.length + 1));
      return host.endsWith(`.${pattern.host}`) && /^[a-z0-9-]+$/.test(label);
    });
  };
}
