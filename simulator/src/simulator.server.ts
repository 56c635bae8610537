import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { handleVolume } from "./cinder/cinder.routes.js";
import { type OutageMode, SimulatorControl } from "./control/simulator.control.js";
import { controlRouter } from "./control/simulator.control-http.js";
import { SimulatorInspector } from "./control/simulator.inspect.js";
import { KeystoneFault, NovaFault } from "./core/errors.js";
import { parseMicroversion } from "./core/nova-microversion.js";
import { DEFAULT_TIMINGS } from "./core/server-state-machine.js";
import { SimClock } from "./core/sim-clock.js";
import type { SimRequest, SimResponse } from "./core/sim-http.js";
import { byteLength, newRequestId, writeSimResponse } from "./core/sim-http.js";
import type { SimContext, SimUrls } from "./core/simulator.context.js";
import { buildUrls, SERVICE_PREFIXES } from "./core/simulator.context.js";
import { defaultSeed } from "./core/simulator.seed.js";
import { SimState } from "./core/simulator.state.js";
import type { SimService, SimulatorOptions } from "./core/simulator.types.js";
import { handleImage } from "./glance/glance.routes.js";
import { handleIdentity, keystoneError } from "./keystone/keystone.routes.js";
import { handleNetwork } from "./neutron/neutron.routes.js";
import { novaError } from "./nova/nova.responder.js";
import { handleCompute } from "./nova/nova.routes.js";

export interface VhiSimulator {
  /** Keystone auth URL to configure a client with, e.g. `http://127.0.0.1:PORT/identity/v3`. */
  readonly url: string;
  /** `http://127.0.0.1:PORT`; control endpoints live under `${baseUrl}/_sim`. */
  readonly baseUrl: string;
  /** Per-service base URLs (the catalog advertises the same). */
  readonly urls: SimUrls;
  readonly port: number;
  readonly control: SimulatorControl;
  readonly state: SimulatorInspector;
  close(): Promise<void>;
}

const MAX_BODY = 1024 * 1024;

type ServiceHandler = (ctx: SimContext, req: SimRequest) => { response: SimResponse; route: string };

const SERVICES: [SimService, string, ServiceHandler][] = [
  ["identity", SERVICE_PREFIXES.identity, handleIdentity],
  ["compute", SERVICE_PREFIXES.compute, handleCompute],
  ["image", SERVICE_PREFIXES.image, handleImage],
  ["network", SERVICE_PREFIXES.network, handleNetwork],
  ["volume", SERVICE_PREFIXES.volume, handleVolume],
];

/** nginx (in front of VHI) answers 429/503 itself, with an HTML page (peers.md §4.4). */
function nginxPage(ctx: SimContext, status: number, title: string, retryAfterSeconds?: number): SimResponse {
  const text = `<html>\r\n<head><title>${status} ${title}</title></head>\r\n<body>\r\n<center><h1>${status} ${title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;
  const headers: [string, string][] = [
    ["Server", "nginx"],
    ["Date", new Date(ctx.clock.now()).toUTCString()],
    ["Content-Type", "text/html"],
    ["Content-Length", byteLength(text)],
  ];
  if (retryAfterSeconds !== undefined) headers.push(["Retry-After", String(retryAfterSeconds)]);
  return { status, headers, body: text };
}

/** An injected 500 in the service's own error shape. */
function injectedFailure(ctx: SimContext, service: SimService, req: SimRequest): SimResponse {
  if (service === "compute") {
    return novaError(req, null, NovaFault.unexpected("<class 'oslo_messaging.exceptions.MessagingTimeout'>"));
  }
  if (service === "identity") {
    return keystoneError(
      ctx,
      req,
      new KeystoneFault(
        500,
        "Internal Server Error",
        "An unexpected error prevented the server from fulfilling your request.",
      ),
    );
  }
  return nginxPage(ctx, 502, "Bad Gateway");
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        reject(new Error("request body too large"));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function toSimRequest(req: IncomingMessage, rawBody: string, prefix: string): SimRequest {
  const raw = req.url ?? "/";
  const q = raw.indexOf("?");
  const pathname = q < 0 ? raw : raw.slice(0, q);
  const rawQuery = q < 0 ? "" : raw.slice(q + 1);
  return {
    method: req.method ?? "GET",
    path: pathname.slice(prefix.length) || "/",
    query: new URLSearchParams(rawQuery),
    rawQuery,
    headers: req.headers,
    rawBody,
    requestId: newRequestId(),
  };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Starts the simulator: Keystone, Nova, Glance, Neutron and Cinder on one port under path prefixes, plus the
 * `/_sim` control surface. Listens on 127.0.0.1 and an ephemeral port unless told otherwise.
 */
export async function startVhiSimulator(options: SimulatorOptions = {}): Promise<VhiSimulator> {
  const seed = structuredClone(options.seed ?? defaultSeed());
  const wall = options.wallClock ?? Date.now;
  const clock = new SimClock(options.clock ?? { mode: "real" }, wall);
  const host = options.host ?? "127.0.0.1";
  const sockets = new Set<Socket>();
  const server: Server = createServer();
  let port = options.port ?? 0;

  const ctx: SimContext = {
    state: new SimState(seed, clock.now()),
    clock,
    urls: buildUrls(options.publicBaseUrl ?? `http://${host}:${port}`),
    timings: { ...DEFAULT_TIMINGS, ...options.timings },
    microversions: {
      min: parseMicroversion(options.microversion?.min ?? "2.1"),
      max: parseMicroversion(options.microversion?.max ?? "2.93"),
    },
    tokenTtlMs: (options.tokenTtlSeconds ?? 24 * 3600) * 1000,
    consoleBaseUrl: options.consoleBaseUrl === undefined ? `http://${host}:6080` : options.consoleBaseUrl,
    autoAllocateNetwork: options.autoAllocateNetwork ?? false,
    shelvedOffloadMs: (options.shelvedOffloadTimeSeconds ?? 0) * 1000,
    forced: { nextCreates: 0, namePattern: null, message: "No valid host was found. " },
    count: (key) => control.countEvent(key),
  };

  const listen = () =>
    new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, host, () => {
        server.off("error", reject);
        resolve();
      });
    });
  const stopListening = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      for (const socket of sockets) socket.destroy();
    });

  const applyOutage = async (mode: OutageMode | null) => {
    if (mode === "refuse") await stopListening();
    else if (!server.listening) await listen();
  };
  const control = new SimulatorControl(ctx, clock, wall, options.rngSeed ?? 1, applyOutage);
  const inspector = new SimulatorInspector(ctx);
  const controlHandler = controlRouter(control, inspector);

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const rawBody = await readBody(req);
    const pathname = (req.url ?? "/").split("?")[0];
    if (pathname === "/_sim" || pathname.startsWith("/_sim/")) {
      writeSimResponse(res, await controlHandler(toSimRequest(req, rawBody, "/_sim")));
      return;
    }
    const entry = SERVICES.find(([, prefix]) => pathname === prefix || pathname.startsWith(`${prefix}/`));
    if (!entry) {
      const text = JSON.stringify({ error: `no service mounted at ${pathname}` });
      writeSimResponse(res, {
        status: 404,
        headers: [
          ["Content-Type", "application/json"],
          ["Content-Length", byteLength(text)],
        ],
        body: text,
      });
      return;
    }
    const [service, prefix, handler] = entry;
    const simReq = toSimRequest(req, rawBody, prefix);
    const preflight = control.preflight(service);
    if (preflight.kind === "outage-503") {
      writeSimResponse(res, nginxPage(ctx, 503, "Service Temporarily Unavailable", preflight.retryAfterSeconds));
      return;
    }
    if (preflight.delayMs > 0) await sleep(preflight.delayMs);
    if (preflight.kind === "rate-limited") {
      writeSimResponse(res, nginxPage(ctx, 429, "Too Many Requests", preflight.retryAfterSeconds));
      return;
    }
    if (preflight.kind === "inject-500") {
      writeSimResponse(res, injectedFailure(ctx, service, simReq));
      return;
    }
    const { response, route } = handler(ctx, simReq);
    control.record(service, simReq.method, route, response.status);
    if (simReq.method === "HEAD") response.body = null;
    writeSimResponse(res, response);
  }

  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  server.on("request", (req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (res.headersSent) return res.destroy();
      const text = JSON.stringify({ error: String(error) });
      writeSimResponse(res, {
        status: 500,
        headers: [
          ["Content-Type", "application/json"],
          ["Content-Length", byteLength(text)],
        ],
        body: text,
      });
    });
  });

  await listen();
  port = (server.address() as AddressInfo).port;
  const urls = buildUrls(options.publicBaseUrl ?? `http://${host}:${port}`);
  ctx.urls = urls;

  return {
    url: `${urls.identity}/v3`,
    baseUrl: urls.base,
    urls,
    port,
    control,
    state: inspector,
    async close() {
      await control.setOutage(null).catch(() => undefined);
      if (server.listening) await stopListening();
    },
  };
}
