import { randomUUID } from "node:crypto";
import type { IncomingHttpHeaders, ServerResponse } from "node:http";

/** One incoming request, already read, with the path relative to the service prefix. */
export interface SimRequest {
  method: string;
  /** Path after the service prefix, e.g. `/v2.1/servers/detail`. */
  path: string;
  query: URLSearchParams;
  /** The raw query string without `?` (Nova rebuilds paging links from it). */
  rawQuery: string;
  headers: IncomingHttpHeaders;
  rawBody: string;
  requestId: string;
}

/**
 * A response with headers in the exact order and casing the real services use (the recordings show clients
 * may see `location` vs `Location`, `Www-Authenticate` vs `WWW-Authenticate`).
 */
export interface SimResponse {
  status: number;
  reason?: string;
  headers: [string, string][];
  body: string | null;
}

export function newRequestId(): string {
  return `req-${randomUUID()}`;
}

export function header(req: SimRequest, name: string): string | undefined {
  const value = req.headers[name.toLowerCase()];
  return Array.isArray(value) ? value.join(", ") : value;
}

export function writeSimResponse(res: ServerResponse, response: SimResponse): void {
  const flat: string[] = [];
  for (const [name, value] of response.headers) flat.push(name, value);
  res.sendDate = false;
  if (response.reason) res.writeHead(response.status, response.reason, flat);
  else res.writeHead(response.status, flat);
  res.end(response.body ?? undefined);
}

export function byteLength(body: string | null): string {
  return String(body === null ? 0 : Buffer.byteLength(body));
}

/** Parses a JSON body; `undefined` means "not JSON" (each service words that error itself). */
export function parseJsonBody(req: SimRequest): unknown {
  if (req.rawBody.trim() === "") return undefined;
  try {
    return JSON.parse(req.rawBody) as unknown;
  } catch {
    return undefined;
  }
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export type RouteParams = Record<string, string>;

interface Route<H> {
  method: string;
  pattern: string;
  segments: string[];
  handler: H;
}

export type RouteMatch<H> =
  | { kind: "found"; handler: H; params: RouteParams; pattern: string }
  | { kind: "method-not-allowed"; pattern: string }
  | { kind: "not-found" };

/** Minimal segment router: `/servers/:id/metadata/:key`. Literal segments win over parameters. */
export class SimRouter<H> {
  private readonly routes: Route<H>[] = [];

  add(method: string, pattern: string, handler: H): this {
    this.routes.push({ method, pattern, segments: splitPath(pattern), handler });
    // Literal routes first, so `/servers/detail` is not taken for `/servers/:id`.
    this.routes.sort((a, b) => paramCount(a.segments) - paramCount(b.segments));
    return this;
  }

  match(method: string, path: string): RouteMatch<H> {
    const parts = splitPath(path);
    let methodMismatch: string | undefined;
    for (const route of this.routes) {
      const params = matchSegments(route.segments, parts);
      if (!params) continue;
      if (route.method !== method && !(method === "HEAD" && route.method === "GET")) {
        methodMismatch ??= route.pattern;
        continue;
      }
      return { kind: "found", handler: route.handler, params, pattern: route.pattern };
    }
    return methodMismatch ? { kind: "method-not-allowed", pattern: methodMismatch } : { kind: "not-found" };
  }
}

function splitPath(path: string): string[] {
  return path.split("/").filter((part) => part !== "");
}

function paramCount(segments: string[]): number {
  return segments.filter((s) => s.startsWith(":")).length;
}

function matchSegments(pattern: string[], parts: string[]): RouteParams | null {
  if (pattern.length !== parts.length) return null;
  const params: RouteParams = {};
  for (let i = 0; i < pattern.length; i++) {
    const p = pattern[i];
    if (p.startsWith(":")) {
      try {
        params[p.slice(1)] = decodeURIComponent(parts[i]);
      } catch {
        params[p.slice(1)] = parts[i];
      }
    } else if (p !== parts[i]) return null;
  }
  return params;
}
