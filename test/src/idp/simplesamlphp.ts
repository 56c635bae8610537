import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/**
 * SimpleSAMLphp, the PHP IdP of test/services/saml-idp.sh (lease it with leaseSamlIdp). It signs with its own key
 * and sends persistent NameIDs; the service providers it trusts are registered here at run time.
 */
const STATE = fileURLToPath(new URL("../../../.services/saml-idp/", import.meta.url));
const BASE = "http://127.0.0.1:8181";

export const SIMPLESAMLPHP = {
  entityId: `${BASE}/saml2/idp/metadata.php`,
  metadataUrl: `${BASE}/saml2/idp/metadata.php`,
  ssoUrl: `${BASE}/saml2/idp/SSOService.php`,
  /** exampleauth users: uid, mail and groups as in saml-idp/authsources.php.tmpl. */
  users: {
    alice: { password: "Alice-Saml-1", mail: "alice@acme.test", groups: ["vdi-admins", "vdi-users"] },
    sam: { password: "Sam-Saml-1", mail: "sam@acme.test", groups: ["vdi-users"] },
    nina: { password: "Nina-Saml-1", mail: "nina@acme.test", groups: [] as string[] },
  },
} as const;

/** The IdP's signing certificate (made at each start of the server). */
export function simpleSamlPhpCertificate(): string {
  return readFileSync(`${STATE}cert/idp.crt`, "utf8");
}

export interface RegisteredSp {
  remove(): void;
}

/** Tells the IdP about one of our providers: its entity id, ACS URL and, for signed AuthnRequests, its certificate. */
export function registerServiceProvider(sp: {
  entityId: string;
  acsUrl: string;
  signingCertificate?: string;
}): RegisteredSp {
  mkdirSync(`${STATE}sp`, { recursive: true });
  const file = `${STATE}sp/${createHash("sha256").update(sp.entityId).digest("hex").slice(0, 24)}.json`;
  writeFileSync(file, JSON.stringify(sp));
  return { remove: () => rmSync(file, { force: true }) };
}
