import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import type { SimSeed } from "../core/simulator.types.js";
import type { VhiSimulator } from "../simulator.server.js";
import { RECORDINGS_DIR } from "./recordings.js";
import { type RawResponse, rawRequest } from "./sim-client.fixture.js";

const recordingSchema = z.object({
  _meta: z.object({ recorded_at: z.string(), note: z.string().optional() }),
  request: z.object({
    method: z.string(),
    host: z.string(),
    path: z.string(),
    headers: z.record(z.string(), z.string()),
    body: z.unknown(),
  }),
  response: z.object({
    status: z.number(),
    status_line: z.string(),
    headers: z.record(z.string(), z.string()),
    body: z.unknown(),
  }),
});

export type Recording = z.infer<typeof recordingSchema> & { file: string; at: number };

/** All recorded exchanges in the order they happened (the run's own timeline). */
export function loadRecordings(): Recording[] {
  return readdirSync(RECORDINGS_DIR)
    .filter((f) => /^\d\d-.*\.json$/.test(f))
    .map((file) => {
      const parsed = recordingSchema.parse(JSON.parse(readFileSync(join(RECORDINGS_DIR, file), "utf8")));
      return { ...parsed, file, at: Date.parse(parsed._meta.recorded_at) };
    })
    .sort((a, b) => a.at - b.at);
}

const ADMIN_PROJECT = "4346600b3e3840b0b57e2184342a532a";
const ACME_PROJECT = "62dd6907c529485b9c5b2312dd8c21b3";
const GLOBEX_PROJECT = "b1c2d3e4f5a64b7c8d9e0f1a2b3c4d5e";
export const CIRROS_IMAGE = "6aa2c0c6-8dc2-41eb-8c34-eda8bdce460d";

export const REPLAY_USERS = {
  "acme-user": { id: "8f969269f1de4e9ebee47c53f82f1c3f", password: "acme-pw", project: "tenant-acme" },
  admin: { id: "a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5", password: "admin-pw", project: "admin" },
  "globex-user": { id: "c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f6", password: "globex-pw", project: "tenant-globex" },
} as const;

/** The recorded deployment: same project/user/image ids, flavors 1–3, no networks, a 600 TB fake host. */
export function recordedDeploymentSeed(): SimSeed {
  const quota = {
    instances: 100,
    cores: 400,
    ram: 1_024_000,
    key_pairs: 100,
    metadata_items: 128,
    server_groups: 10,
    server_group_members: 10,
  };
  return {
    region: "RegionOne",
    domains: [{ id: "default", name: "Default" }],
    projects: [
      { id: ADMIN_PROJECT, name: "admin", domainId: "default" },
      { id: ACME_PROJECT, name: "tenant-acme", domainId: "default" },
      { id: GLOBEX_PROJECT, name: "tenant-globex", domainId: "default" },
    ],
    users: [
      {
        id: REPLAY_USERS["acme-user"].id,
        name: "acme-user",
        domainId: "default",
        password: REPLAY_USERS["acme-user"].password,
        roles: [{ projectId: ACME_PROJECT, role: "member" }],
      },
      {
        id: REPLAY_USERS.admin.id,
        name: "admin",
        domainId: "default",
        password: REPLAY_USERS.admin.password,
        roles: [{ projectId: ADMIN_PROJECT, role: "admin" }],
      },
      {
        id: REPLAY_USERS["globex-user"].id,
        name: "globex-user",
        domainId: "default",
        password: REPLAY_USERS["globex-user"].password,
        roles: [{ projectId: GLOBEX_PROJECT, role: "member" }],
      },
    ],
    images: [
      {
        id: CIRROS_IMAGE,
        name: "cirros-fake",
        ownerProjectId: ADMIN_PROJECT,
        visibility: "public",
        diskFormat: "raw",
        containerFormat: "bare",
        sizeBytes: 1_048_576,
        minDiskGb: 0,
        minRamMb: 0,
        properties: { os_distro: "cirros" },
        createdAt: "2026-11-26T19:51:29Z",
      },
    ],
    flavors: [
      { id: "1", name: "m1.tiny", vcpus: 1, ramMb: 512, diskGb: 1 },
      { id: "2", name: "m1.small", vcpus: 1, ramMb: 2048, diskGb: 20 },
      { id: "3", name: "m1.medium", vcpus: 2, ramMb: 4096, diskGb: 40 },
    ],
    networks: [],
    volumeTypes: [{ id: "7a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d", name: "__DEFAULT__" }],
    defaultVolumeType: "__DEFAULT__",
    keyPairNames: [],
    defaultQuota: quota,
    quotas: {},
    computeHost: { name: "fake-node-1", availabilityZone: "nova", vcpus: 1000, ramMb: 8_000_000, diskGb: 600_000 },
  };
}

const SERVICE_BY_PORT: Record<string, keyof VhiSimulator["urls"]> = {
  "5000": "identity",
  "8774": "compute",
  "9292": "image",
  "9696": "network",
};

/** Replays recorded requests against the simulator, translating tokens, passwords and server ids. */
export class Replayer {
  readonly ids = new Map<string, string>();
  readonly tokens = new Map<string, string>();

  constructor(readonly sim: VhiSimulator) {}

  async login(user: keyof typeof REPLAY_USERS): Promise<string> {
    const u = REPLAY_USERS[user];
    const res = await rawRequest(`${this.sim.url}/auth/tokens`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({
        auth: {
          identity: { methods: ["password"], password: { user: { id: u.id, password: u.password } } },
          scope: { project: { name: u.project, domain: { id: "default" } } },
        },
      }),
    });
    const token = res.headers.find(([k]) => k === "X-Subject-Token")?.[1];
    if (!token) throw new Error(`login ${user}: ${res.status} ${res.text}`);
    return token;
  }

  async prepareTokens(): Promise<void> {
    this.tokens.set("<TOKEN-acme-user>", await this.login("acme-user"));
    this.tokens.set("<TOKEN-acme-user-revoked>", await this.login("acme-user"));
    this.tokens.set("<TOKEN-admin>", await this.login("admin"));
    this.tokens.set("<TOKEN-globex-user>", await this.login("globex-user"));
  }

  translate(text: string): string {
    let out = text;
    for (const [recorded, actual] of this.ids) out = out.split(recorded).join(actual);
    return out;
  }

  private translateHeaderValue(value: string): string {
    const token = this.tokens.get(value);
    if (token) return token;
    // Invalid tokens: fernet-looking garbage the simulator never issued.
    if (value.startsWith("<INVALID-TOKEN>")) return `gAAAAABinvalid${value.length}`;
    return value;
  }

  private translateBody(body: unknown): string | undefined {
    if (body === null || body === undefined) return undefined;
    if (typeof body === "string") return body;
    let text = this.translate(JSON.stringify(body));
    // Passwords were redacted; the user named in the same body decides which one was used.
    const userName = /"name":"([^"]+)","domain"/.exec(text)?.[1] as keyof typeof REPLAY_USERS | undefined;
    const password = userName && REPLAY_USERS[userName] ? REPLAY_USERS[userName].password : "no-such-password";
    text = text.replace(/"<PASSWORD>"/g, JSON.stringify(password)).replace(/"<WRONG-PASSWORD>"/g, '"wrong-password"');
    return text;
  }

  url(rec: Recording): string {
    const port = rec.request.host.split(":")[1];
    const service = SERVICE_BY_PORT[port];
    if (!service) throw new Error(`${rec.file}: no service on port ${port}`);
    return this.sim.urls[service] + this.translate(rec.request.path);
  }

  async send(rec: Recording): Promise<RawResponse> {
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(rec.request.headers)) headers[name] = this.translateHeaderValue(value);
    const res = await rawRequest(this.url(rec), {
      method: rec.request.method,
      headers,
      body: this.translateBody(rec.request.body),
    });
    // A create's id in the recording stands for the simulator's new server from now on.
    const recordedServer = (rec.response.body as { server?: { id?: string } } | null)?.server;
    if (rec.request.method === "POST" && rec.response.status === 202 && recordedServer?.id && res.json?.server?.id) {
      this.ids.set(recordedServer.id, res.json.server.id);
    }
    return res;
  }
}

type Shape = string;

function kind(value: unknown): Shape {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  return typeof value;
}

/**
 * Compares JSON shapes: same types, same object keys, same array lengths (or, under `loose` paths, only the
 * shape of each element against the first recorded one). Values are not compared: ids and times differ.
 */
export function compareShape(
  recorded: unknown,
  actual: unknown,
  path: string,
  loose: Set<string>,
  out: string[],
): void {
  const rk = kind(recorded);
  const ak = kind(actual);
  if (rk !== ak) {
    out.push(`${path || "<root>"}: recorded ${rk}, simulator ${ak}`);
    return;
  }
  if (rk === "array") {
    const r = recorded as unknown[];
    const a = actual as unknown[];
    if (loose.has(path)) {
      if (r.length > 0) for (const [i, item] of a.entries()) compareShape(r[0], item, `${path}[${i}]`, loose, out);
      return;
    }
    if (r.length !== a.length) {
      out.push(`${path}: recorded ${r.length} items, simulator ${a.length}`);
      return;
    }
    for (const [i, item] of r.entries()) compareShape(item, a[i], `${path}[${i}]`, loose, out);
    return;
  }
  if (rk === "object") {
    const r = recorded as Record<string, unknown>;
    const a = actual as Record<string, unknown>;
    for (const key of Object.keys(r)) {
      if (!(key in a)) out.push(`${path}.${key}: missing in simulator`);
      else compareShape(r[key], a[key], path ? `${path}.${key}` : key, loose, out);
    }
    for (const key of Object.keys(a)) if (!(key in r)) out.push(`${path}.${key}: not in recording`);
  }
}

const IGNORED_HEADERS = new Set(["connection", "keep-alive", "transfer-encoding"]);
const EXACT_VALUE_HEADERS = new Set(["content-type", "openstack-api-version", "x-openstack-nova-api-version", "vary"]);

/** Same header names (case-sensitive) and, for the significant ones, equivalent values. */
export function compareHeaders(rec: Recording, res: RawResponse, sim: VhiSimulator, out: string[]): void {
  const recorded = Object.entries(rec.response.headers).filter(([k]) => !IGNORED_HEADERS.has(k.toLowerCase()));
  const actual = res.headers.filter(([k]) => !IGNORED_HEADERS.has(k.toLowerCase()));
  const recordedNames = recorded.map(([k]) => k).sort();
  const actualNames = actual.map(([k]) => k).sort();
  if (JSON.stringify(recordedNames) !== JSON.stringify(actualNames)) {
    out.push(`headers: recorded [${recordedNames.join(", ")}], simulator [${actualNames.join(", ")}]`);
    return;
  }
  const value = (name: string) => actual.find(([k]) => k === name)?.[1] ?? "";
  for (const [name, recordedValue] of recorded) {
    const lower = name.toLowerCase();
    const got = value(name);
    if (EXACT_VALUE_HEADERS.has(lower) && got !== recordedValue)
      out.push(`${name}: recorded ${recordedValue}, got ${got}`);
    if (lower.endsWith("request-id") && !/^req-[0-9a-f-]{36}$/.test(got)) out.push(`${name}: ${got}`);
    if (lower === "www-authenticate") {
      const expected = recordedValue.replace("http://127.0.0.1:5000", sim.urls.identity);
      if (got !== expected) out.push(`${name}: expected ${expected}, got ${got}`);
    }
    if (lower === "location" && !got.startsWith(`${sim.urls.compute}/v2.1/servers/`)) out.push(`location: ${got}`);
  }
}
