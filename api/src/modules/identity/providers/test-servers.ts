import { readFileSync } from "node:fs";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";
import { leaseTestServer, type ServerLease } from "../../../testing/test-services.js";

/**
 * Test helper: the real directory and RADIUS servers of test/services/ldap.sh and radius.sh, and how to reach them.
 * Leases are shared between concurrent test files (see leaseTestServer).
 */

export type { ServerLease };

export const LDAP_TEST_DIRECTORY = {
  name: "openldap",
  url: "ldap://127.0.0.1:1389",
  loginAttribute: "uid",
  /** slapd's ACLs show each tenant's service account only its own OU. */
  isolatesTenants: true,
  baseDn: "dc=example,dc=test",
  /** Reads the whole directory (slapd's root DN, past the per-tenant ACLs): a directory shared by two customers. */
  domainReader: { bindDn: "cn=admin,dc=example,dc=test", bindPassword: "atrium-test-root" },
  tenants: {
    acme: {
      searchBase: "ou=acme,dc=example,dc=test",
      bindDn: "cn=svc-reader,ou=acme,dc=example,dc=test",
      bindPassword: "Acme-Svc-Reader-1",
      users: {
        alice: {
          password: "Alice-Pass-1",
          dn: "uid=alice,ou=people,ou=acme,dc=example,dc=test",
          upn: "alice@acme.test",
        },
        bob: { password: "Bob-Pass-1", dn: "uid=bob,ou=people,ou=acme,dc=example,dc=test", upn: "bob@acme.test" },
        carol: {
          password: "Carol-Pass-1",
          dn: "uid=carol,ou=people,ou=acme,dc=example,dc=test",
          upn: "carol@acme.test",
        },
        /** userAccountControl 514: disabled. */
        oscar: {
          password: "Oscar-Pass-1",
          dn: "uid=oscar,ou=people,ou=acme,dc=example,dc=test",
          upn: "oscar@acme.test",
        },
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

const SAMBA_AD_BASE = "DC=example,DC=test";
const sambaPerson = (cn: string, ou: string) => `CN=${cn},OU=people,OU=${ou},${SAMBA_AD_BASE}`;
const sambaGroup = (cn: string, ou: string) => `CN=${cn},OU=groups,OU=${ou},${SAMBA_AD_BASE}`;

/**
 * The Samba AD DC of test/services/samba-ad.sh (realm EXAMPLE.TEST, NetBIOS EXAMPLE), seeded like the OpenLDAP
 * directory (same tenants, people, groups and passwords) plus accounts only AD refuses: expired or must-change
 * passwords and a lockout. It runs in its own network namespace and is reached over a veth pair.
 */
export const SAMBA_AD_TEST_DIRECTORY = {
  name: "samba-ad",
  url: "ldap://10.213.13.2:389",
  ldapsUrl: "ldaps://10.213.13.2:636",
  baseDn: SAMBA_AD_BASE,
  loginAttribute: "sAMAccountName",
  /** AD lets every authenticated account read the whole domain: a tenant's provider must narrow its searches. */
  isolatesTenants: false,
  /** Any AD account reads the whole domain; acme's service account will do. */
  domainReader: { bindDn: `CN=svc-broker,OU=acme,${SAMBA_AD_BASE}`, bindPassword: "Acme-Svc-Broker-1" },
  netbiosDomain: "EXAMPLE",
  tenants: {
    acme: {
      searchBase: `OU=acme,${SAMBA_AD_BASE}`,
      bindDn: `CN=svc-broker,OU=acme,${SAMBA_AD_BASE}`,
      bindUpn: "svc-broker@example.test",
      bindDownLevel: "EXAMPLE\\svc-broker",
      bindPassword: "Acme-Svc-Broker-1",
      users: {
        alice: { password: "Alice-Pass-1", dn: sambaPerson("Alice Anders", "acme"), upn: "alice@example.test" },
        bob: { password: "Bob-Pass-1", dn: sambaPerson("Bob Brown", "acme"), upn: "bob@example.test" },
        carol: { password: "Carol-Pass-1", dn: sambaPerson("Carol Chen", "acme"), upn: "carol@example.test" },
        /** userAccountControl 514: AD refuses the bind (data 533). */
        oscar: { password: "Oscar-Pass-1", dn: sambaPerson("Oscar Olsen", "acme"), upn: "oscar@example.test" },
        /** Must change the password at next logon (data 773). */
        mike: { password: "Mike-Pass-1", dn: sambaPerson("Mike Moreau", "acme"), upn: "mike@example.test" },
        /** Password expired (data 532). */
        petra: { password: "Petra-Pass-1", dn: sambaPerson("Petra Pohl", "acme"), upn: "petra@example.test" },
        /** Locked out after two bad passwords (data 775). */
        lou: { password: "Lou-Pass-1", dn: sambaPerson("Lou Lind", "acme"), upn: "lou@example.test" },
      },
      groups: {
        desktopUsers: sambaGroup("desktop-users", "acme"),
        desktopAdmins: sambaGroup("desktop-admins", "acme"),
        helpdesk: sambaGroup("helpdesk", "acme"),
      },
    },
    globex: {
      searchBase: `OU=globex,${SAMBA_AD_BASE}`,
      bindDn: `CN=svc-globex,OU=globex,${SAMBA_AD_BASE}`,
      bindPassword: "Globex-Svc-Reader-1",
      users: {
        dave: { password: "Dave-Pass-1", dn: sambaPerson("Dave Dumont", "globex"), upn: "dave@example.test" },
        erin: { password: "Erin-Pass-1", dn: sambaPerson("Erin Evans", "globex"), upn: "erin@example.test" },
      },
      groups: {
        desktopUsers: sambaGroup("desktop-users", "globex"),
        ringA: sambaGroup("ring-a", "globex"),
        ringB: sambaGroup("ring-b", "globex"),
      },
    },
  },
} as const;

/** The PEM of the Samba domain's CA (made when the domain is provisioned), for LDAPS and StartTLS. */
export function sambaAdCaCertificate(): string {
  return readFileSync(
    fileURLToPath(new URL("../../../../../.services/samba-ad/dc/tls/ca.pem", import.meta.url)),
    "utf8",
  );
}

/** The directory shape both test directories share, for suites that run against each. */
export type LdapTestDirectory = typeof LDAP_TEST_DIRECTORY | typeof SAMBA_AD_TEST_DIRECTORY;

/** Both real directories with their leases: OpenLDAP (slapd) and Active Directory (Samba AD DC). */
export const LDAP_TEST_DIRECTORIES: { directory: LdapTestDirectory; lease: () => Promise<ServerLease> }[] = [
  { directory: LDAP_TEST_DIRECTORY, lease: leaseLdapServer },
  { directory: SAMBA_AD_TEST_DIRECTORY, lease: leaseSambaAd },
];

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

/**
 * Port of a second, independent slapd with the same seed: the same people under the same DNs, but other entries
 * (other entryUUIDs), as a second directory with namesakes of the first one's users would have.
 */
export const SECOND_LDAP_PORT = 1489;

export function leaseSecondLdapServer(): Promise<ServerLease> {
  return leaseTestServer("ldap.sh", { LDAP_PORT: String(SECOND_LDAP_PORT) });
}

/** Starts (if needed) the Samba AD DC of test/services/samba-ad.sh. */
export function leaseSambaAd(): Promise<ServerLease> {
  return leaseTestServer("samba-ad.sh");
}

/** Starts (if needed) SimpleSAMLphp, the SAML IdP of test/services/saml-idp.sh. */
export function leaseSamlIdp(): Promise<ServerLease> {
  return leaseTestServer("saml-idp.sh");
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
