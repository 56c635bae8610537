import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { fileURLToPath } from "node:url";

/**
 * Test helpers around the scripts of test/services/ (see its README): real servers that test files lease, and the
 * Debian packages a suite needs, listed per area in .ci/apt/<area>.txt and installed on first use.
 */

const SERVICES_DIR = fileURLToPath(new URL("../../../test/services/", import.meta.url));

export interface ServerLease {
  release(): Promise<void>;
}

function run(
  script: string,
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn("bash", [`${SERVICES_DIR}${script}`, ...args], {
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, ...env },
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stderr.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.on("error", reject);
    // "exit", not "close": a daemon the script started must not be able to hold us by an inherited pipe.
    child.on("exit", (code) => resolve({ code, output }));
  });
}

/** Runs a test/services script and returns what it printed; rejects with that output when it fails. */
export async function runServiceScript(
  script: string,
  args: string[],
  env: Record<string, string> = {},
): Promise<string> {
  const { code, output } = await run(script, args, env);
  if (code !== 0) throw new Error(`${script} ${args[0] ?? ""} exited with ${code}: ${output.trim()}`);
  return output;
}

/**
 * Leases the server of a test/services script: the first lease starts it (installing its packages when missing),
 * the last release stops it again unless it was already running. Concurrent test files share one server.
 */
export async function leaseTestServer(script: string, env: Record<string, string> = {}): Promise<ServerLease> {
  const id = randomUUID();
  await runServiceScript(script, ["acquire", id, String(process.pid)], env);
  return { release: () => runServiceScript(script, ["release", id], env).then(() => undefined) };
}

/**
 * Installs the missing Debian packages of the named areas (.ci/apt/<area>.txt), as root or through passwordless
 * sudo; call it in `beforeAll` of a suite that runs a program from them. Otherwise it rejects at once with the
 * script's one line naming the packages and the command that installs them.
 */
export async function ensurePackages(...areas: string[]): Promise<void> {
  const { code, output } = await run("ensure-packages.sh", areas);
  if (code !== 0) throw new Error(output.trim() || `ensure-packages.sh ${areas.join(" ")} exited with ${code}`);
}
