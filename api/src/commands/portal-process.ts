import { type ChildProcess, spawn } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import type { Logger } from "../observability/logger.js";
import { deriveKey, KEY_LABELS } from "../security/key-derivation.js";
import { PORTAL_ENTRY, recordPortalPid, stopStalePortal } from "./stale-portal.js";

export interface PortalProcess {
  url: string;
  stop(): Promise<void>;
}

/**
 * The portal's session cookies are encrypted with a key derived from the installation secret, so a fresh machine
 * needs no setup and sessions survive restarts; NEXTAUTH_SECRET in the environment still wins.
 */
export function portalSessionSecret(installationSecret: string): string {
  return deriveKey(installationSecret, KEY_LABELS.portalSessions).toString("base64url");
}

export interface PortalOptions {
  port: number;
  apiUrl: string;
  /** Browser-facing gateway address, for the HTML5 viewer links; null when no gateway is known. */
  gatewayUrl: string | null;
  logger: Logger;
  installationSecret: string;
  /** Signs each browser's address for the API (ATRIUM_PORTAL_CLIENT_KEY). */
  clientKey: string;
  /** Where the running portal's pid is kept, so the next start can find a portal a crashed run left behind. */
  dataDir: string;
}

/**
 * Runs the built Next.js portal next to the API, through the portal's own server (portal/dist/server), which holds
 * the browser's socket and vouches for its address to the API; it reaches the API through ATRIUM_API_URL and links
 * viewers to ATRIUM_GATEWAY_URL.
 *
 * The portal dies with this process: it holds an IPC channel to us and exits when the channel closes, which the
 * kernel does even after `kill -9`. It runs in its own process group, so a terminal's Ctrl-C reaches only us and we
 * stop it; any exit we did not ask for is an error, and a stop we asked for is quiet.
 */
export async function startPortal(options: PortalOptions): Promise<PortalProcess> {
  const { port, apiUrl, gatewayUrl, logger, installationSecret, clientKey } = options;
  const require = createRequire(import.meta.url);
  const portalDir = path.dirname(require.resolve("@atrium/portal/package.json"));
  const server = path.join(portalDir, "dist/server", PORTAL_ENTRY);
  const pidFile = path.join(options.dataDir, "portal.pid");
  await stopStalePortal(pidFile, logger);
  const child: ChildProcess = spawn(process.execPath, [server], {
    cwd: portalDir,
    env: {
      NEXTAUTH_SECRET: portalSessionSecret(installationSecret),
      // Origins come from the Host header, so tenant hostnames (acme.desktops.example) work without NEXTAUTH_URL.
      AUTH_TRUST_HOST: "true",
      ...process.env,
      ATRIUM_API_URL: apiUrl,
      ATRIUM_PORTAL_CLIENT_KEY: clientKey,
      HOSTNAME: "127.0.0.1",
      ...(gatewayUrl ? { ATRIUM_GATEWAY_URL: gatewayUrl } : {}),
      PORT: String(port),
    },
    stdio: ["ignore", "inherit", "inherit", "ipc"],
    detached: true,
  });
  const forgetPid = child.pid ? recordPortalPid(pidFile, child.pid) : () => undefined;
  let stopping = false;
  child.on("exit", (code, signal) => {
    forgetPid();
    if (!stopping) logger.error({ code, signal }, "portal exited");
  });
  return {
    url: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise((resolve) => {
        stopping = true;
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}
