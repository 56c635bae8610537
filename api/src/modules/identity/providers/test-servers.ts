import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";

/**
 * Test helper: leases the real servers run by test/services/*.sh and describes how to reach them. The scripts start
 * a server on the first lease and stop it on the last release (unless it was already running, e.g. started by CI),
 * and serialise concurrent calls, so several test files may use the same server at once.
 */

const SERVICES_DIR = fileURLToPath(new URL("../../../../../test/services/", import.meta.url));

export interface ServerLease {
  release(): Promise<void>;
}

function runScript(script: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn("bash", [`${SERVICES_DIR}${script}`, ...args], { stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stderr.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.on("error", reject);
    // "exit", not "close": a daemon the script started must not be able to hold us by an inherited pipe.
    child.on("exit", (code) => {
      if (code === 0) resolve(output);
      else reject(new Error(`${script} ${args.join(" ")} exited with ${code}:\n${output}`));
    });
  });
}

async function lease(script: string): Promise<ServerLease> {
  const id = randomUUID();
  await runScript(script, ["acquire", id, String(process.pid)]);
  return { release: () => runScript(script, ["release", id]).then(() => undefined) };
}

export const LDAP_TEST_DIRECTORY = {
  url: "ldap://127.0.0.1:1389",
  baseDn: "dc=example,dc=test",
  tenants: {
    acme: {
      searchBase: "ou=acme,dc=example,dc=test",
      bindDn: "cn=svc-reader,ou=acme,dc=example,dc=test",
      bindPassword: "Acme-Svc-Reader-1",
      users: {
        alice: { password: "Alice-Pass-1", dn: "uid=alice,ou=people,ou=acme,dc=example,dc=test" },
        bob: { password: "Bob-Pass-1", dn: "uid=bob,ou=people,ou=acme,dc=example,dc=test" },
        carol: { password: "Carol-Pass-1", dn: "uid=carol,ou=people,ou=acme,dc=example,dc=test" },
        /** userAccountControl 514: disabled. */
        oscar: { password: "Oscar-Pass-1", dn: "uid=oscar,ou=people,ou=acme,dc=example,dc=test" },
      },
      groups: {
        desktopUsers: "cn=desktop-users,ou=groups,ou=acme,dc=example,dc=test",
        desktopAdmins: "cn=desktop-admins,ou=groups,ou=acme,dc=example,dc=test",
        /** Member of desktopUsers. */
        helpdesk: "cn=helpdesk,ou=groups,ou=acme,dc=example,dc=test",
      },
    },
    globex: {
      searchBase: "ou=globex,dc=example,dc=test",
      bindDn: "cn=svc-reader,ou=globex,dc=example,dc=test",
      bindPassword: "Globex-Svc-Reader-1",
      users: {
        dave: { password: "Dave-Pass-1", dn: "uid=dave,ou=people,ou=globex,dc=example,dc=test" },
        erin: { password: "Erin-Pass-1", dn: "uid=erin,ou=people,ou=globex,dc=example,dc=test" },
      },
      groups: {
        desktopUsers: "cn=desktop-users,ou=groups,ou=globex,dc=example,dc=test",
        /** ring-a and ring-b contain each other (a cycle). */
        ringA: "cn=ring-a,ou=groups,ou=globex,dc=example,dc=test",
        ringB: "cn=ring-b,ou=groups,ou=globex,dc=example,dc=test",
      },
    },
  },
} as const;

export const RADIUS_TEST_SERVER = {
  host: "127.0.0.1",
  port: 1812,
  secret: "atrium-radius-secret",
  users: {
    alice: "Alice-Radius-1",
    bob: "Bob-Radius-1",
    /** Answers Access-Challenge first; the second round wants `mfaCode` or "push" with the State. */
    mfaUser: "Mfa-Pass-1",
    /** Accepted after 2 s. */
    slowUser: "Slow-Pass-1",
  },
  mfaCode: "246810",
} as const;

/** Starts (if needed) the test directory of test/services/ldap.sh. */
export function leaseLdapServer(): Promise<ServerLease> {
  return lease("ldap.sh");
}

/** Starts (if needed) the FreeRADIUS of test/services/radius.sh. */
export function leaseRadiusServer(): Promise<ServerLease> {
  return lease("radius.sh");
}

/** A TCP port nobody listens on (an ephemeral port bound and freed again): "server down" for failover tests. */
export async function unusedTcpPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === "string") throw new Error("no TCP port assigned");
  return address.port;
}
