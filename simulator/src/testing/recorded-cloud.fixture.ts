import { readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { join } from "node:path";
import { RECORDINGS_DIR } from "./recordings.js";

/**
 * A tiny HTTP server that answers with the real OpenStack exchanges recorded in
 * this package's `fixtures/openstack-recorded/` (read at test time, never pasted). All services share one port under a prefix
 * (`/identity`, `/compute`, `/image`, `/network`, `/volume`); URLs inside recorded bodies are rewritten to match.
 */

const SERVICE_PORTS: Record<string, string> = {
  identity: "5000",
  compute: "8774",
  image: "9292",
  network: "9696",
  volume: "8776",
};

export interface Recording {
  request: { method: string; path: string; headers: Record<string, string>; body: unknown };
  response: { status: number; headers: Record<string, string>; body: unknown };
}

export type ReplayResponse =
  | { status: number; headers?: Record<string, string>; body?: unknown }
  | { hang: true }
  | { reset: true };

export interface LoggedRequest {
  method: string;
  service: string;
  /** Path below the service prefix, without the query. */
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage["headers"];
  body: unknown;
}

export interface RouteMatch {
  method: string;
  service: string;
  path: string | RegExp;
  /** Every listed parameter must be present with this value. */
  query?: Record<string, string>;
}

export interface ReplayCloud {
  /** Keystone auth URL to put in VhiClientConfig. */
  authUrl: string;
  base: string;
  requests: LoggedRequest[];
  /** Answers matching requests with these responses in order; the last one repeats. */
  route(match: RouteMatch, ...responses: Array<ReplayResponse | ((req: LoggedRequest) => ReplayResponse)>): void;
  /** Recorded response with URLs rewritten for this server; `patch` edits the body copy. */
  // biome-ignore lint/suspicious/noExplicitAny: tests patch arbitrary recorded JSON in place
  recorded(name: string, patch?: (body: any) => void): ReplayResponse;
  tokensIssued(): number;
  close(): Promise<void>;
}

export function loadRecording(name: string): Recording {
  return JSON.parse(readFileSync(join(RECORDINGS_DIR, `${name}.json`), "utf8")) as Recording;
}

export async function startReplayCloud(): Promise<ReplayCloud> {
  const routes: Array<{
    match: RouteMatch;
    responses: Array<ReplayResponse | ((req: LoggedRequest) => ReplayResponse)>;
  }> = [];
  const requests: LoggedRequest[] = [];
  const sockets = new Set<Socket>();
  let tokenCounter = 0;
  let base = "";

  const rewrite = (value: unknown): unknown => {
    if (value === null || value === undefined) return value;
    let text = JSON.stringify(value);
    for (const [service, port] of Object.entries(SERVICE_PORTS)) {
      text = text.split(`http://127.0.0.1:${port}`).join(`${base}/${service}`);
    }
    return JSON.parse(text);
  };

  // biome-ignore lint/suspicious/noExplicitAny: see ReplayCloud.recorded
  const recorded = (name: string, patch?: (body: any) => void): ReplayResponse => {
    const { response } = loadRecording(name);
    const body = rewrite(response.body);
    if (patch) patch(body);
    return { status: response.status, headers: response.headers, body };
  };

  const defaults = (req: LoggedRequest): ReplayResponse | undefined => {
    if (req.service === "identity" && req.method === "POST" && req.path === "/v3/auth/tokens") {
      tokenCounter += 1;
      const response = recorded("01-token-create");
      if (!("status" in response)) return response;
      return { ...response, headers: { ...response.headers, "X-Subject-Token": `replay-token-${tokenCounter}` } };
    }
    if (req.service === "compute" && req.method === "GET" && req.path === "/v2.1/")
      return recorded("02-nova-v2.1-root");
    if (req.service === "compute" && req.method === "GET" && req.path === "/") return recorded("02-nova-version-root");
    return undefined;
  };

  const matches = (match: RouteMatch, req: LoggedRequest) =>
    match.method === req.method &&
    match.service === req.service &&
    (typeof match.path === "string" ? match.path === req.path : match.path.test(req.path)) &&
    Object.entries(match.query ?? {}).every(([key, value]) => req.query.get(key) === value);

  const handle = async (incoming: IncomingMessage, out: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of incoming) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString("utf8");
    const url = new URL(incoming.url ?? "/", "http://replay.invalid");
    const [, service = "", ...rest] = url.pathname.split("/");
    const req: LoggedRequest = {
      method: incoming.method ?? "GET",
      service,
      path: `/${rest.join("/")}`,
      query: url.searchParams,
      headers: incoming.headers,
      body: raw ? JSON.parse(raw) : undefined,
    };
    requests.push(req);
    const route = routes.find((candidate) => matches(candidate.match, req));
    let response: ReplayResponse | undefined;
    if (route) {
      const next = route.responses.length > 1 ? route.responses.shift()! : route.responses[0]!;
      response = typeof next === "function" ? next(req) : next;
    } else {
      response = defaults(req);
    }
    response ??= { status: 599, body: { error: { message: `no replay route for ${req.method} ${url.pathname}` } } };
    if ("hang" in response) return;
    if ("reset" in response) {
      incoming.socket.destroy();
      return;
    }
    const headers = Object.fromEntries(
      Object.entries(response.headers ?? {}).filter(([key]) => !/^(content-length|connection|date)$/i.test(key)),
    );
    const body = response.body === undefined || response.body === null ? "" : serialise(response.body);
    out.writeHead(response.status, { ...headers, "Content-Length": Buffer.byteLength(body) });
    out.end(body);
  };

  const server: Server = createServer((incoming, out) => {
    handle(incoming, out).catch((error: unknown) => {
      out.writeHead(599);
      out.end(String(error));
    });
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    authUrl: `${base}/identity/v3`,
    base,
    requests,
    route: (match, ...responses) => {
      routes.unshift({ match, responses });
    },
    recorded,
    tokensIssued: () => tokenCounter,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

function serialise(body: unknown): string {
  return typeof body === "string" ? body : JSON.stringify(body);
}
