import type { IncomingMessage } from "node:http";
import type { AppConfig } from "../config/env.js";
import {
  isTrustedProxy,
  parseTrustedProxies,
  resolveClientAddress,
  type TrustedProxies,
} from "../modules/access/client/client-address.js";
import { CLIENT_PROOF_HEADER, verifyClientProof } from "../modules/access/client/portal-client-proof.js";
import { resolveInstallationSecret } from "../security/installation-secret.js";
import { deriveKey, KEY_LABELS } from "../security/key-derivation.js";

type ClientConfig = Pick<
  AppConfig,
  "TRUSTED_PROXIES" | "ATRIUM_PORTAL_CLIENT_KEY" | "ATRIUM_SECRET" | "ATRIUM_DATA_DIR"
>;

/**
 * The key the portal signs browser addresses with: ATRIUM_PORTAL_CLIENT_KEY when the portal runs on its own (set
 * the same value on both), else derived from the installation secret (`npm start` hands it to the portal it runs).
 */
export function portalClientKey(config: Omit<ClientConfig, "TRUSTED_PROXIES">): string {
  if (config.ATRIUM_PORTAL_CLIENT_KEY) return config.ATRIUM_PORTAL_CLIENT_KEY;
  const secret = resolveInstallationSecret(config.ATRIUM_SECRET, config.ATRIUM_DATA_DIR);
  return deriveKey(secret, KEY_LABELS.portalClient).toString("base64url");
}

interface ClientSettings {
  trustedProxies: TrustedProxies;
  portalKey: Buffer;
}

const settingsByConfig = new WeakMap<ClientConfig, ClientSettings>();

/** Parsed once per configuration; a bad TRUSTED_PROXIES entry fails loudly at the first request. */
function settingsOf(config: ClientConfig): ClientSettings {
  let settings = settingsByConfig.get(config);
  if (!settings) {
    const entries = config.TRUSTED_PROXIES.split(",").map((entry) => entry.trim());
    settings = {
      trustedProxies: parseTrustedProxies(entries.filter((entry) => entry !== "")),
      portalKey: Buffer.from(portalClientKey(config)),
    };
    settingsByConfig.set(config, settings);
  }
  return settings;
}

function portalVouched(request: IncomingMessage, settings: ClientSettings, now: Date): string | null {
  return verifyClientProof(
    settings.portalKey,
    request.headers[CLIENT_PROOF_HEADER],
    request.headers["x-request-id"],
    now,
  );
}

/**
 * Whether the request's X-Forwarded-Proto and X-Forwarded-Host may be believed: it came from the portal (which
 * passes on only what its own trusted proxies wrote, see portal/server/browser-client.ts) or straight from one of
 * the API's own TRUSTED_PROXIES. Anyone else could name any scheme and host.
 */
export function forwardedHeadersTrusted(request: IncomingMessage, config: ClientConfig, now: Date): boolean {
  const settings = settingsOf(config);
  if (portalVouched(request, settings, now)) return true;
  return isTrustedProxy(request.socket.remoteAddress, settings.trustedProxies);
}

/**
 * The one definition of a request's client address. A request the portal made for a browser carries the
 * browser's address, as the portal resolved it from its own socket and proxies, in a header only the portal can
 * sign: that address is the client. Otherwise the socket peer is, or X-Forwarded-For read right to left through
 * the API's own TRUSTED_PROXIES only (a bare X-Forwarded-For from anyone else, the portal included, is ignored).
 * "unknown" when it cannot be determined: access rules fail closed.
 */
export function clientIpOf(request: IncomingMessage, config: ClientConfig, now: Date): string {
  const settings = settingsOf(config);
  const vouched = portalVouched(request, settings, now);
  if (vouched) return vouched;
  const resolved = resolveClientAddress({
    remoteAddress: request.socket.remoteAddress,
    forwardedFor: request.headers["x-forwarded-for"],
    trustedProxies: settings.trustedProxies,
  });
  return resolved.ip ?? "unknown";
}
