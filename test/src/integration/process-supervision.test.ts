import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { captureOutput, freePort } from "../fixtures/processes.js";
import { ensureBuilt, repoRoot, waitFor } from "../fixtures/stack.js";

// Issue 14, item 5, with real processes: after `kill -9` of `npm start` its portal child survived holding the port,
// the next start logged EADDRINUSE and ran without a portal, and a clean stop logged a false "portal exited".
interface Started {
  child: ChildProcess;
  output(): string;
  exited: Promise<number | null>;
}

let dataDir: string;
let env: NodeJS.ProcessEnv;
let ports: { api: number; portal: number; gateway: number };
const started: Started[] = [];

beforeAll(async () => {
  ensureBuilt();
  ports = { api: await freePort(), portal: await freePort(), gateway: await freePort() };
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "atrium-supervision-"));
  env = { ...process.env };
  for (const key of Object.keys(env)) {
    if (key.startsWith("VITEST") || key === "NODE_ENV" || key === "DATABASE_URL") delete env[key];
  }
  Object.assign(env, {
    PORT: String(ports.api),
    PORTAL_PORT: String(ports.portal),
    GATEWAY_PORT: String(ports.gateway),
    ATRIUM_DATA_DIR: dataDir,
    LOG_LEVEL: "warn",
    NEXT_TELEMETRY_DISABLED: "1",
  });
});

afterAll(async () => {
  for (const { child } of started) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  const pid = portalPid();
  if (pid && alive(pid)) process.kill(pid, "SIGKILL");
  fs.rmSync(dataDir, { recursive: true, force: true });
});

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function portalPid(): number | null {
  const file = path.join(dataDir, "portal.pid");
  return fs.existsSync(file) ? Number(fs.readFileSync(file, "utf8")) : null;
}

function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, "127.0.0.1");
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

async function until(what: string, check: () => boolean | Promise<boolean>, ms = 15_000): Promise<void> {
  for (const deadline = Date.now() + ms; Date.now() < deadline; await sleep(100)) if (await check()) return;
  throw new Error(`${what} within ${ms} ms`);
}

/** `node api/dist/main.js start`, as `npm start` runs it, up to the portal answering. */
async function start(): Promise<Started> {
  const child = spawn(process.execPath, [path.join(repoRoot, "api/dist/main.js"), "start"], {
    cwd: repoRoot,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const output = captureOutput(child);
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const run = { child, output, exited };
  started.push(run);
  await waitFor(`http://127.0.0.1:${ports.api}/healthz`, child, 120_000, run.output);
  await waitFor(`http://127.0.0.1:${ports.portal}/signin`, child, 90_000, run.output);
  return run;
}

describe("npm start supervises its portal", () => {
  it("takes the portal down with a killed start, replaces a stale portal, and stops quietly", async () => {
    const first = await start();
    const firstPortal = portalPid();
    expect(firstPortal).not.toBeNull();
    first.child.kill("SIGKILL");
    await first.exited;
    await until("the portal did not die with its parent", () => !alive(firstPortal!));
    await until("the portal's port stayed taken", async () => !(await listening(ports.portal)));

    // A portal from an earlier run that does not watch its parent (started alone, as older versions left it),
    // holding the port, with its pid where that run recorded it.
    const stale = spawn(process.execPath, [path.join(repoRoot, "portal/dist/server/portal-server.js")], {
      cwd: path.join(repoRoot, "portal"),
      env: { ...env, PORT: String(ports.portal), ATRIUM_PORTAL_CLIENT_KEY: "k".repeat(32), HOSTNAME: "127.0.0.1" },
      stdio: "ignore",
    });
    fs.writeFileSync(path.join(dataDir, "portal.pid"), String(stale.pid));
    await until("the stale portal did not listen", () => listening(ports.portal), 60_000);

    const second = await start();
    expect(alive(stale.pid!)).toBe(false);
    expect(portalPid()).not.toBe(stale.pid);
    expect(second.output()).not.toMatch(/EADDRINUSE|portal exited/);

    const secondPortal = portalPid()!;
    second.child.kill("SIGTERM");
    expect(await second.exited).toBe(0);
    expect(alive(secondPortal)).toBe(false);
    expect(second.output()).not.toMatch(/portal exited/);
    console.info(second.output());
  });
});
