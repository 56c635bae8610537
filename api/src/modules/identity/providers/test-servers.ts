import { createServer } from "node:net";
import { leaseTestServer, type ServerLease } from "../../../testing/test-services.js";

/**
 * Test helper: the real directory and RADIUS servers of test/services/ldap.sh and radius.sh, and how to reach them.
 * Leases are shared between concurrent test files (see leaseTestServer).
 */

export type { ServerLease };

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
  return leaseTestServer("ldap.sh");
}

/** Starts (if needed) the FreeRADIUS of test/services/radius.sh. */
export function leaseRadiusServer(): Promise<ServerLease> {
  return leaseTestServer("radius.sh");
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
