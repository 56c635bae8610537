import { request } from "node:http";
import { DEFAULT_SEED_IDS } from "../core/simulator.seed.js";
import type { VhiSimulator } from "../simulator.server.js";

export interface RawResponse {
  status: number;
  statusMessage: string;
  /** Header names with the server's casing, in order. */
  headers: [string, string][];
  text: string;
  // biome-ignore lint/suspicious/noExplicitAny: test helper, bodies are inspected ad hoc
  json: any;
}

/** An HTTP call that keeps header casing and order (fetch would lower-case them). */
export function rawRequest(
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    // A fresh connection per call: outage tests must see the listener's state, not a pooled socket.
    const req = request(url, { method: init.method ?? "GET", headers: init.headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        const headers: [string, string][] = [];
        for (let i = 0; i < res.rawHeaders.length; i += 2) headers.push([res.rawHeaders[i], res.rawHeaders[i + 1]]);
        const text = Buffer.concat(chunks).toString("utf8");
        let json: unknown = null;
        try {
          json = text ? JSON.parse(text) : null;
        } catch {
          json = undefined;
        }
        resolve({ status: res.statusCode ?? 0, statusMessage: res.statusMessage ?? "", headers, text, json });
      });
    });
    req.on("error", reject);
    if (init.body !== undefined) req.write(init.body);
    req.end();
  });
}

export function headerOf(res: RawResponse, name: string): string | undefined {
  return res.headers.find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1];
}

type Who = "acme" | "globex" | "svc";

const CREDENTIALS: Record<Who, { user: { name: string; password: string }; project: string }> = {
  acme: { user: DEFAULT_SEED_IDS.acmeUser, project: "tenant-acme" },
  globex: { user: DEFAULT_SEED_IDS.globexUser, project: "tenant-globex" },
  svc: { user: DEFAULT_SEED_IDS.serviceUser, project: "tenant-acme" },
};

/** A thin client over the default seed's users, for tests. */
export class SimTestClient {
  private readonly tokens = new Map<string, string>();

  constructor(readonly sim: VhiSimulator) {}

  async token(who: Who, project = CREDENTIALS[who].project): Promise<string> {
    const key = `${who}/${project}`;
    const cached = this.tokens.get(key);
    if (cached) return cached;
    const { user } = CREDENTIALS[who];
    const res = await rawRequest(`${this.sim.url}/auth/tokens`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({
        auth: {
          identity: {
            methods: ["password"],
            password: { user: { name: user.name, domain: { id: "default" }, password: user.password } },
          },
          scope: { project: { name: project, domain: { id: "default" } } },
        },
      }),
    });
    if (res.status !== 201) throw new Error(`token for ${who}: ${res.status} ${res.text}`);
    const token = headerOf(res, "x-subject-token")!;
    this.tokens.set(key, token);
    return token;
  }

  async nova(
    who: Who,
    method: string,
    path: string,
    options: { body?: unknown; mv?: string; project?: string } = {},
  ): Promise<RawResponse> {
    const headers: Record<string, string> = {
      "X-Auth-Token": await this.token(who, options.project),
      Accept: "application/json",
      "OpenStack-API-Version": `compute ${options.mv ?? "2.79"}`,
    };
    if (options.body !== undefined) headers["Content-Type"] = "application/json";
    return rawRequest(`${this.sim.urls.compute}/v2.1${path}`, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
  }

  async createServer(who: Who, server: Record<string, unknown>, mv?: string): Promise<string> {
    const res = await this.nova(who, "POST", "/servers", {
      mv,
      body: {
        server: {
          flavorRef: "1",
          imageRef: DEFAULT_SEED_IDS.images.ubuntu,
          networks: "none",
          ...server,
        },
      },
    });
    if (res.status !== 202) throw new Error(`create: ${res.status} ${res.text}`);
    return res.json.server.id as string;
  }
}
