import { describe, expect, it } from "vitest";
import { parseSamlMetadata } from "./saml-metadata.util.js";

const METADATA = `<?xml version="1.0"?>
<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="https://idp.example.test/saml">
  <md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">
    <md:KeyDescriptor use="signing"><ds:KeyInfo xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:X509Data>
      <ds:X509Certificate>MIIB
        SIGNING</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>
    <md:KeyDescriptor use="encryption"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>ENCRYPTION</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>
    <md:KeyDescriptor><KeyInfo><X509Data><X509Certificate>UNSPECIFIED</X509Certificate></X509Data></KeyInfo></md:KeyDescriptor>
    <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="https://idp.example.test/post"/>
    <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="https://idp.example.test/sso?a=1&amp;b=2"/>
  </md:IDPSSODescriptor>
</md:EntityDescriptor>`;

describe("parseSamlMetadata", () => {
  it("reads the entity id, the redirect SSO URL and the signing certificates whatever the prefixes", () => {
    expect(parseSamlMetadata(METADATA)).toEqual({
      idpEntityId: "https://idp.example.test/saml",
      ssoUrl: "https://idp.example.test/sso?a=1&b=2",
      idpCertificates: ["MIIBSIGNING", "UNSPECIFIED"],
    });
  });

  it("returns nothing usable for a document without an IdP descriptor", () => {
    expect(parseSamlMetadata("<EntityDescriptor entityID='x'/>")).toEqual({
      idpEntityId: undefined,
      ssoUrl: undefined,
      idpCertificates: [],
    });
  });
});
