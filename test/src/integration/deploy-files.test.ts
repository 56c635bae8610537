import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { APP_ENV_NAMES, GATEWAY_ENV_NAMES, loadConfig, NODE_ROLE_PORTS } from "@atrium/api";
import { ensurePackages } from "@atrium/api/testing/test-services";
import { beforeAll, describe, expect, it } from "vitest";
import { parseAllDocuments } from "yaml";
import { repoRoot } from "../fixtures/stack.js";
import { createSigningKey } from "../idp/test-keys.js";

const deploy = path.join(repoRoot, "deploy");
type SeparateRole = keyof typeof NODE_ROLE_PORTS;
const ROLES = Object.keys(NODE_ROLE_PORTS) as SeparateRole[];
const KNOWN_ENV = new Set([...APP_ENV_NAMES, ...GATEWAY_ENV_NAMES]);
const defaults = loadConfig({});
/** What every role's graceful stop may take: the drain delay, the in-flight budget and the process's own slack. */
const stopBudgetSeconds = (env: Map<string, string>) =>
  Number(env.get("ATRIUM_DRAIN_SECONDS") ?? defaults.ATRIUM_DRAIN_SECONDS) +
  Number(env.get("ATRIUM_SHUTDOWN_TIMEOUT_SECONDS") ?? defaults.ATRIUM_SHUTDOWN_TIMEOUT_SECONDS) +
  5;

function readEnvFile(file: string): Map<string, string> {
  const entries = fs
    .readFileSync(file, "utf8")
    .split("\n")
    .filter((line) => line.trim() && !line.startsWith("#"))
    .map((line) => line.split(/=(.*)/s).slice(0, 2) as [string, string]);
  return new Map(entries);
}

/** A unit file as [section, key, value] triples (systemd allows keys to repeat, e.g. Environment=). */
function readUnit(file: string): { get(key: string): string[]; env: Map<string, string> } {
  let section = "";
  const entries: [string, string][] = [];
  for (const line of fs.readFileSync(file, "utf8").split("\n")) {
    if (!line.trim() || line.startsWith("#")) continue;
    const header = line.match(/^\[(.+)\]$/);
    if (header) section = header[1]!;
    else entries.push([`${section}.${line.slice(0, line.indexOf("="))}`, line.slice(line.indexOf("=") + 1)]);
  }
  const get = (key: string) => entries.filter(([name]) => name === key).map(([, value]) => value);
  const env = new Map(get("Service.Environment").map((item) => item.split(/=(.*)/s).slice(0, 2) as [string, string]));
  return { get, env };
}

/** HAProxy sections (`backend atrium_api` → its indented lines, trimmed). */
function readHaproxy(file: string): Map<string, string[]> {
  const sections = new Map<string, string[]>();
  let current: string[] = [];
  for (const line of fs.readFileSync(file, "utf8").split("\n")) {
    if (!line.trim() || line.trim().startsWith("#")) continue;
    if (/^\S/.test(line)) {
      current = [];
      sections.set(line.trim(), current);
    } else current.push(line.trim().replace(/\s+/g, " "));
  }
  return sections;
}

type Manifest = { kind: string; metadata: { name: string }; spec?: Record<string, unknown>; data?: object };

function readManifests(): Manifest[] {
  const folder = path.join(deploy, "kubernetes");
  return fs
    .readdirSync(folder)
    .filter((file) => file.endsWith(".yaml"))
    .flatMap((file) =>
      parseAllDocuments(fs.readFileSync(path.join(folder, file), "utf8")).map((document) => {
        expect(document.errors, file).toEqual([]);
        return document.toJS() as Manifest;
      }),
    );
}

describe("deploy/: the files an operator installs agree with the code", () => {
  const envFile = readEnvFile(path.join(deploy, "systemd/atrium.env"));

  it("the shared environment file sets only settings the code reads, and parses as a production config", () => {
    expect([...envFile.keys()].filter((name) => !KNOWN_ENV.has(name))).toEqual([]);
    // The placeholders are long enough to pass validation, so the file fails only where the operator must act.
    const config = loadConfig(Object.fromEntries(envFile));
    expect(config.NODE_ENV).toBe("production");
    expect(config.ATRIUM_SEPARATE_GATEWAY).toBe(true);
  });

  it.each(ROLES)(
    "systemd: atrium-%s.service runs that role on its port with a stop timeout above the drain",
    (role) => {
      const unit = readUnit(path.join(deploy, `systemd/atrium-${role}.service`));
      expect(unit.get("Service.ExecStart")).toEqual([`/usr/bin/node /opt/atrium/api/dist/main.js ${role}`]);
      expect(unit.get("Service.EnvironmentFile")).toEqual(["/etc/atrium/atrium.env"]);
      expect([...unit.env.keys()].filter((name) => !KNOWN_ENV.has(name))).toEqual([]);
      // systemd lets EnvironmentFile= win over Environment=: a per-role setting must not also be in the shared file.
      expect([...unit.env.keys()].filter((name) => envFile.has(name))).toEqual([]);
      expect(unit.env.get(NODE_ROLE_PORTS[role].variable)).toBe(String(NODE_ROLE_PORTS[role].port));
      expect(unit.env.get("ATRIUM_NODE_ID")).toBe(`%H-${role}`);
      expect(unit.get("Service.KillSignal")).toEqual(["SIGTERM"]);
      expect(Number(unit.get("Service.TimeoutStopSec")[0])).toBeGreaterThanOrEqual(stopBudgetSeconds(envFile));
    },
  );

  it("the role commands the units and manifests name are the ones `atrium` accepts", () => {
    const usage = spawnSync(process.execPath, [path.join(repoRoot, "api/dist/main.js")], { encoding: "utf8" });
    expect(usage.status).toBe(2);
    for (const role of [...ROLES, "migrate", "start"]) expect(usage.stderr).toMatch(new RegExp(`^  ${role} `, "m"));
  });

  it("HAProxy: TLS on 443, checks /readyz, sends the API and the gateways (WebSockets) to the role ports", () => {
    const cfg = readHaproxy(path.join(deploy, "haproxy/haproxy.cfg"));
    const frontend = cfg.get("frontend atrium") ?? [];
    expect(frontend).toContainEqual(expect.stringMatching(/^bind :443 ssl crt \S+/));
    expect(frontend).toContain("use_backend atrium_gateways if gateway_host || tunnel_path");
    expect(frontend).toContain("acl tunnel_path path_beg /tunnel/");
    const backends: Record<string, SeparateRole> = {
      "backend atrium_api": "api",
      "backend atrium_gateways": "gateway",
    };
    for (const [name, role] of Object.entries(backends)) {
      const lines = cfg.get(name) ?? [];
      expect(lines, name).toContain("option httpchk GET /readyz");
      const servers = lines.filter((line) => line.startsWith("server "));
      expect(servers.length, name).toBeGreaterThanOrEqual(2);
      for (const server of servers) expect(server, name).toMatch(new RegExp(`:${NODE_ROLE_PORTS[role].port} check`));
    }
    // Tunnels outlive HTTP timeouts: at least the gateway's idle timeout (1 h by default).
    expect(cfg.get("defaults")).toContain("timeout tunnel 1h");
    // Never replay a request that reached a node: a connect must not run twice.
    expect(cfg.get("defaults")).toContain("retry-on conn-failure");
  });

  describe("HAProxy accepts the configuration", () => {
    beforeAll(() => ensurePackages("scale-out"));

    it("haproxy -c -f deploy/haproxy/haproxy.cfg (with a throwaway certificate)", () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "atrium-haproxy-"));
      try {
        const pem = path.join(dir, "atrium.pem");
        const { certificatePem, privateKeyPem } = createSigningKey("desktops.example.com");
        fs.writeFileSync(pem, certificatePem + privateKeyPem);
        const config = fs.readFileSync(path.join(deploy, "haproxy/haproxy.cfg"), "utf8");
        const copy = path.join(dir, "haproxy.cfg");
        fs.writeFileSync(copy, config.replace("/etc/haproxy/certs/atrium.pem", pem));
        const check = spawnSync("haproxy", ["-c", "-f", copy], { encoding: "utf8" });
        expect(`${check.stdout}${check.stderr}`).toContain("Configuration file is valid");
        expect(check.status).toBe(0);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  });

  it("Kubernetes: each role's Deployment runs the role with probes, resources and a PodDisruptionBudget", () => {
    const manifests = readManifests();
    const byKind = (kind: string) => manifests.filter((manifest) => manifest.kind === kind);
    const config = byKind("ConfigMap")[0]?.data as Record<string, string>;
    const secret = (byKind("Secret")[0] as unknown as { stringData: Record<string, string> }).stringData;
    expect([...Object.keys(config), ...Object.keys(secret)].filter((name) => !KNOWN_ENV.has(name))).toEqual([]);
    const budget = stopBudgetSeconds(new Map(Object.entries(config)));
    for (const role of ROLES) {
      const deployment = byKind("Deployment").find((item) => item.metadata.name === `atrium-${role}`);
      expect(deployment, role).toBeDefined();
      // biome-ignore lint/suspicious/noExplicitAny: a parsed manifest is walked by path
      const pod = (deployment!.spec as any).template.spec;
      const container = pod.containers[0];
      expect(container.command).toEqual(["node", "api/dist/main.js", role]);
      expect(container.ports).toEqual([{ name: "http", containerPort: NODE_ROLE_PORTS[role].port }]);
      const env = container.env as { name: string; value?: string }[];
      expect(env.map((item) => item.name).filter((name) => !KNOWN_ENV.has(name))).toEqual([]);
      expect(env.find((item) => item.name === NODE_ROLE_PORTS[role].variable)?.value).toBe(
        String(NODE_ROLE_PORTS[role].port),
      );
      expect(container.readinessProbe.httpGet).toEqual({ path: "/readyz", port: "http" });
      expect(container.livenessProbe.httpGet).toEqual({ path: "/healthz", port: "http" });
      expect(container.resources.requests).toMatchObject({ cpu: expect.any(String), memory: expect.any(String) });
      expect(container.resources.limits).toMatchObject({ memory: expect.any(String) });
      expect(pod.terminationGracePeriodSeconds).toBeGreaterThanOrEqual(budget);
      const labels = (deployment!.spec as { selector: { matchLabels: object } }).selector.matchLabels;
      const pdb = byKind("PodDisruptionBudget").find(
        // biome-ignore lint/suspicious/noExplicitAny: as above
        (item) => JSON.stringify((item.spec as any).selector.matchLabels) === JSON.stringify(labels),
      );
      expect(pdb, `${role} PodDisruptionBudget`).toBeDefined();
    }
    const job = byKind("Job").find((item) => item.metadata.name === "atrium-migrate");
    // biome-ignore lint/suspicious/noExplicitAny: as above
    expect((job!.spec as any).template.spec.containers[0].command).toEqual(["node", "api/dist/main.js", "migrate"]);
  });
});
