/**
 * Reads what we need from an IdP's SAML metadata document: entity id, the HTTP-Redirect SSO URL and the signing
 * certificates. Namespace prefixes vary between IdPs (md:, saml2:, none), so elements are matched by local name.
 * The result is validated by the same schema as hand-entered settings.
 */
export interface SamlMetadataSummary {
  idpEntityId?: string;
  ssoUrl?: string;
  idpCertificates: string[];
}

const REDIRECT_BINDING = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect";

function elements(xml: string, localName: string): string[] {
  const pattern = new RegExp(
    `<(?:[A-Za-z0-9_-]+:)?${localName}\\b[^>]*?(?:/>|>[\\s\\S]*?</(?:[A-Za-z0-9_-]+:)?${localName}>)`,
    "g",
  );
  return xml.match(pattern) ?? [];
}

function attribute(element: string, name: string): string | undefined {
  return new RegExp(`\\s${name}="([^"]*)"`).exec(element.slice(0, element.indexOf(">") + 1))?.[1];
}

export function parseSamlMetadata(xml: string): SamlMetadataSummary {
  const descriptor = elements(xml, "IDPSSODescriptor")[0] ?? "";
  const entity = /<(?:[A-Za-z0-9_-]+:)?EntityDescriptor\b[^>]*>/.exec(xml)?.[0];
  const sso = elements(descriptor, "SingleSignOnService").find(
    (element) => attribute(element, "Binding") === REDIRECT_BINDING,
  );
  const signingKeys = elements(descriptor, "KeyDescriptor").filter(
    (key) => (attribute(key, "use") ?? "signing") === "signing",
  );
  const idpCertificates = signingKeys.flatMap((key) =>
    elements(key, "X509Certificate").map((cert) => cert.replace(/<[^>]+>/g, "").replace(/\s+/g, "")),
  );
  return {
    idpEntityId: entity ? attribute(entity, "entityID") : undefined,
    ssoUrl: sso ? attribute(sso, "Location")?.replace(/&amp;/g, "&") : undefined,
    idpCertificates: [...new Set(idpCertificates)].filter((cert) => cert.length > 0),
  };
}
