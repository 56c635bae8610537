import http from "node:http";
import path from "node:path";
import next from "next";
import { trustedProxies, vouchForBrowser } from "./browser-client";

/**
 * The portal's HTTP server: Next.js behind the one piece that holds the browser's socket. Next.js gives pages no
 * socket, and fills X-Forwarded-For with it only when the browser sent none, so the browser's address is resolved
 * and signed here, before Next.js runs (see browser-client.ts). Run as `node dist/server/portal-server.js`.
 */
async function main(): Promise<void> {
  const key = process.env.ATRIUM_PORTAL_CLIENT_KEY;
  if (!key || key.length < 32) {
    // Without it every browser would reach the API as the portal's own address.
    throw new Error("ATRIUM_PORTAL_CLIENT_KEY (32+ characters, the API's value) is required");
  }
  const port = Number(process.env.PORT ?? 3000);
  const hostname = process.env.HOSTNAME ?? "127.0.0.1";
  const trust = trustedProxies(process.env.TRUSTED_PROXIES);
  const app = next({ dev: false, dir: path.resolve(__dirname, "../.."), hostname, port });
  const handle = app.getRequestHandler();
  await app.prepare();
  const server = http.createServer((request, response) => {
    vouchForBrowser(request, trust, key, new Date());
    void handle(request, response);
  });
  server.once("error", (error: NodeJS.ErrnoException) => {
    process.stderr.write(`portal: cannot listen on ${hostname}:${port}: ${error.code ?? error.message}\n`);
    process.exit(1);
  });
  server.listen(port, hostname);
  const stop = () => {
    server.close(() => process.exit(0));
    // A browser's keep-alive connection must not hold the stop (the parent waits for this exit).
    server.closeIdleConnections();
    setTimeout(() => process.exit(0), 5_000).unref();
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
  // Started by `atrium start` with an IPC channel: the kernel closes it when that parent dies, even by kill -9, and
  // the portal goes with it instead of holding the port against the next start.
  if (process.send) process.on("disconnect", () => process.exit(0));
}

main().catch((error: unknown) => {
  process.stderr.write(`portal: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
