import { afterEach, describe, expect, it } from "vitest";
import { createPackageSandbox, type PackageSandbox } from "./package-sandbox.js";

// test/services/ensure-packages.sh (ensure_packages in lib.sh): what a suite or a test server's first lease does when
// Debian packages are missing, decided per machine: installed, installable (root or passwordless sudo), or a one-line
// failure that says what to run.

const ROOT = { uid: 0, sudo: "absent" } as const;
const USER_WITH_SUDO = { uid: 1000, sudo: "passwordless" } as const;
const USER_ASKED_FOR_PASSWORD = { uid: 1000, sudo: "asks-password" } as const;
const USER_WITHOUT_SUDO = { uid: 1000, sudo: "absent" } as const;
const APT_INSTALL = "apt-get -o DPkg::Lock::Timeout=900 install -y --no-install-recommends";

let sandbox: PackageSandbox;

afterEach(() => sandbox?.remove());

const aptCalls = () => sandbox.calls().filter((call) => call.startsWith("apt-get"));

describe("ensure-packages.sh", () => {
  it("does nothing when the area's packages are installed, whoever runs it", async () => {
    sandbox = createPackageSandbox(["freeradius", "freeradius-utils"]);
    const run = await sandbox.run("ensure-packages.sh", ["radius"], USER_WITHOUT_SUDO);
    expect(run).toMatchObject({ code: 0, stderr: "" });
    expect(sandbox.calls()).toEqual([]);
    const dryRun = await sandbox.run("ensure-packages.sh", ["--dry-run", "radius"], USER_WITHOUT_SUDO);
    expect(dryRun.stdout.trim()).toBe("ensure-packages: installed: freeradius freeradius-utils");
  });

  it("as root installs only the missing packages, in one apt-get call", async () => {
    sandbox = createPackageSandbox(["freeradius-utils"]);
    const run = await sandbox.run("ensure-packages.sh", ["radius"], ROOT);
    expect(run.code).toBe(0);
    expect(aptCalls()).toEqual([`${APT_INSTALL} freeradius`]);
    expect(sandbox.calls().some((call) => call.startsWith("sudo"))).toBe(false);
    expect(sandbox.installed()).toContain("freeradius");
  });

  it("without root installs through passwordless sudo", async () => {
    sandbox = createPackageSandbox([]);
    const run = await sandbox.run("ensure-packages.sh", ["radius"], USER_WITH_SUDO);
    expect(run.code).toBe(0);
    expect(sandbox.calls()).toContain(
      `sudo env DEBIAN_FRONTEND=noninteractive ${APT_INSTALL} freeradius freeradius-utils`,
    );
    expect(aptCalls()).toEqual([`${APT_INSTALL} freeradius freeradius-utils`]);
  });

  it("without root or passwordless sudo fails at once with one line: the packages and the command that installs them", async () => {
    sandbox = createPackageSandbox(["freeradius-utils"]);
    const run = await sandbox.run("ensure-packages.sh", ["radius"], USER_ASKED_FOR_PASSWORD);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      "ensure-packages: missing Debian packages freeradius (.ci/apt/radius.txt) and no root or passwordless sudo to " +
        `install them; run: sudo bash ${sandbox.root}/test/services/ensure-packages.sh radius\n`,
    );
    expect(sandbox.calls()).toEqual([]);
  });

  it("names su when the machine has no sudo at all", async () => {
    sandbox = createPackageSandbox([]);
    const run = await sandbox.run("ensure-packages.sh", ["ldap", "radius"], USER_WITHOUT_SUDO);
    expect(run.code).toBe(1);
    expect(run.stderr.trim().split("\n")).toEqual([
      "ensure-packages: missing Debian packages freeradius freeradius-utils ldap-utils netcat-openbsd slapd " +
        "(.ci/apt/ldap.txt .ci/apt/radius.txt) and no root or passwordless sudo to install them; run: " +
        `su root -c 'bash ${sandbox.root}/test/services/ensure-packages.sh ldap radius'`,
    ]);
  });

  it("--dry-run says how it would install and installs nothing", async () => {
    sandbox = createPackageSandbox([]);
    const asRoot = await sandbox.run("ensure-packages.sh", ["--dry-run", "radius"], ROOT);
    const withSudo = await sandbox.run("ensure-packages.sh", ["--dry-run", "radius"], USER_WITH_SUDO);
    expect(asRoot.stdout.trim()).toBe("ensure-packages: would install freeradius freeradius-utils as root");
    expect(withSudo.stdout.trim()).toBe("ensure-packages: would install freeradius freeradius-utils as sudo");
    expect(sandbox.calls()).toEqual([]);
  });

  it("installs once when several test files ask at the same moment (lock, then a second look)", async () => {
    sandbox = createPackageSandbox([]);
    const runs = await Promise.all([1, 2, 3].map(() => sandbox.run("ensure-packages.sh", ["radius"], ROOT)));
    expect(runs.map((run) => run.code)).toEqual([0, 0, 0]);
    expect(aptCalls()).toEqual([`${APT_INSTALL} freeradius freeradius-utils`]);
  });

  it("refreshes the package lists once after a failed install, then reports apt's last lines", async () => {
    sandbox = createPackageSandbox([]);
    const run = await sandbox.run("ensure-packages.sh", ["radius"], { ...ROOT, aptFails: true });
    expect(run.code).not.toBe(0);
    expect(aptCalls()).toEqual([
      `${APT_INSTALL} freeradius freeradius-utils`,
      "apt-get -o DPkg::Lock::Timeout=900 update",
    ]);
    expect(run.stderr).toContain("ensure-packages: apt-get install freeradius freeradius-utils failed");
    expect(run.stderr).toContain("E: Unable to locate package");
  });

  it("rejects an area without a list", async () => {
    sandbox = createPackageSandbox([]);
    const run = await sandbox.run("ensure-packages.sh", ["samba"], ROOT);
    expect(run).toMatchObject({ code: 2, stderr: "ensure-packages: no package list .ci/apt/samba.txt\n" });
  });

  it("install.sh installs every area's missing packages in one apt-get call", async () => {
    sandbox = createPackageSandbox(["openssl"]);
    const run = await sandbox.run("install.sh", [], ROOT);
    expect(run.code).toBe(0);
    const [call, ...more] = aptCalls();
    expect(more).toEqual([]);
    expect(call).toMatch(new RegExp(`^${APT_INSTALL} `));
    for (const name of ["chromium", "freeradius", "poppler-utils", "slapd", "x11vnc"])
      expect(call).toContain(` ${name}`);
    expect(call).not.toContain("openssl");
  });
});

describe("a test server's first lease", () => {
  it("fails with the one line when its packages are missing and cannot be installed, before touching anything", async () => {
    sandbox = createPackageSandbox([]);
    const run = await sandbox.run("radius.sh", ["acquire", "lease-1", String(process.pid)], USER_WITHOUT_SUDO);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr.trim().split("\n")).toEqual([
      expect.stringMatching(
        /^ensure-packages: missing Debian packages freeradius freeradius-utils \(\.ci\/apt\/radius\.txt\) .* run: su root -c 'bash .*\/test\/services\/ensure-packages\.sh radius'$/,
      ),
    ]);
  });
});
