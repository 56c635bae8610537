import { execFile, execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { repoRoot } from "../fixtures/stack.js";

/**
 * A copy of test/services and .ci/apt in a temporary folder whose PATH holds only the real tools the scripts need
 * plus stand-ins for the machine's side: dpkg's database (a file of installed names), `id`, `sudo`, `apt-get`, and
 * the writes to /usr/sbin/policy-rc.d. Runs ensure-packages.sh and the service scripts for real, on a machine of any
 * kind (root or not, with or without sudo), and installs nothing.
 */

export type Sudo = "passwordless" | "asks-password" | "absent";

/** Who runs the script, and what the machine lets them do. */
export interface Machine {
  uid: number;
  sudo: Sudo;
  /** apt-get fails (as with missing package lists on a fresh machine, even after an update). */
  aptFails?: boolean;
}

export interface SandboxRun {
  code: number;
  stdout: string;
  stderr: string;
}

export interface PackageSandbox {
  /** The sandbox's repository root (the scripts derive every path from it). */
  root: string;
  /** Runs a script of the sandbox's test/services. */
  run(script: string, args: string[], machine: Machine): Promise<SandboxRun>;
  /** Package names the stand-in dpkg reports as installed; apt-get adds to them. */
  installed(): string[];
  /** Every privileged call the scripts made (apt-get, and tee/chmod/rm on system paths), one line each. */
  calls(): string[];
  remove(): void;
}

const REAL_TOOLS = [
  "basename",
  "bash",
  "date",
  "dirname",
  "env",
  "flock",
  "grep",
  "mkdir",
  "sed",
  "sleep",
  "sort",
  "tail",
  "xargs",
];

// Every stand-in appends its call to $SANDBOX_CALLS with shell builtins only (PATH holds nothing else).
const STUBS: Record<string, string> = {
  "dpkg-query": `status=0
for arg in "$@"; do
  case "$arg" in -*) continue ;; esac
  found=0
  while read -r name; do [ "$name" = "$arg" ] && found=1; done <"$SANDBOX_DPKG"
  if [ "$found" = 1 ]; then echo "install ok installed $arg"; else echo "dpkg-query: no packages found matching $arg" >&2; status=1; fi
done
exit "$status"`,
  id: `echo "$SANDBOX_UID"`,
  sudo: `[ "$1" = "-n" ] && shift
[ "$SANDBOX_SUDO" = passwordless ] || { echo "sudo: a password is required" >&2; exit 1; }
[ "$1" = "true" ] && exit 0
echo "sudo $*" >>"$SANDBOX_CALLS"
exec "$@"`,
  "apt-get": `echo "apt-get $*" >>"$SANDBOX_CALLS"
[ -z "$SANDBOX_APT_FAILS" ] || { echo "E: Unable to locate package"; exit 100; }
sleep 0.3
installing=0
for arg in "$@"; do
  case "$arg" in install) installing=1 ;; -*) ;; *) [ "$installing" = 1 ] && echo "$arg" >>"$SANDBOX_DPKG" ;; esac
done
exit 0`,
  tee: `echo "tee $*" >>"$SANDBOX_CALLS"
while read -r _; do :; done`,
  chmod: `echo "chmod $*" >>"$SANDBOX_CALLS"`,
  rm: `echo "rm $*" >>"$SANDBOX_CALLS"`,
};

function which(tool: string): string {
  return execFileSync("bash", ["-c", `command -v ${tool}`], { encoding: "utf8" }).trim();
}

/** A sandbox in which dpkg knows `installed` and the repository's .ci/apt lists are the real ones. */
export function createPackageSandbox(installed: string[]): PackageSandbox {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "atrium-packages-"));
  const bin = path.join(root, "bin");
  fs.mkdirSync(bin);
  fs.cpSync(path.join(repoRoot, "test/services"), path.join(root, "test/services"), { recursive: true });
  fs.cpSync(path.join(repoRoot, ".ci/apt"), path.join(root, ".ci/apt"), { recursive: true });
  for (const tool of REAL_TOOLS) fs.symlinkSync(which(tool), path.join(bin, tool));
  for (const [name, body] of Object.entries(STUBS)) {
    fs.writeFileSync(path.join(bin, name), `#!/bin/sh\n${body}\n`, { mode: 0o755 });
  }
  const dpkg = path.join(root, "dpkg-installed");
  const calls = path.join(root, "calls");
  fs.writeFileSync(dpkg, installed.map((name) => `${name}\n`).join(""));
  fs.writeFileSync(calls, "");
  const bash = which("bash");
  const lines = (file: string) => fs.readFileSync(file, "utf8").split("\n").filter(Boolean);

  return {
    root,
    run(script, args, machine) {
      const env = {
        PATH: bin,
        SANDBOX_DPKG: dpkg,
        SANDBOX_CALLS: calls,
        SANDBOX_UID: String(machine.uid),
        SANDBOX_SUDO: machine.sudo,
        SANDBOX_APT_FAILS: machine.aptFails ? "yes" : "",
      };
      // No sudo at all: the stand-in must not be on PATH.
      if (machine.sudo === "absent") fs.rmSync(path.join(bin, "sudo"), { force: true });
      else fs.writeFileSync(path.join(bin, "sudo"), `#!/bin/sh\n${STUBS.sudo}\n`, { mode: 0o755 });
      return new Promise((resolve) => {
        execFile(bash, [path.join(root, "test/services", script), ...args], { env }, (error, stdout, stderr) => {
          resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
        });
      });
    },
    installed: () => lines(dpkg),
    calls: () => lines(calls),
    remove: () => fs.rmSync(root, { recursive: true, force: true }),
  };
}
