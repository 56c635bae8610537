import { randomUUID } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import * as samlify from "samlify";
import { createSigningKey, type SigningKey } from "./test-keys.js";

// The IdP parses our AuthnRequest only to read its ID; schema validation is the SP's job, not this test IdP's.
samlify.setSchemaValidator({ validate: async () => "skipped" });

const RESPONSE_TEMPLATE =
  '<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="{ID}" Version="2.0" IssueInstant="{IssueInstant}" Destination="{Destination}" InResponseTo="{InResponseTo}"><saml:Issuer>{Issuer}</saml:Issuer><samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></samlp:Status><saml:Assertion xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xs="http://www.w3.org/2001/XMLSchema" ID="{AssertionID}" Version="2.0" IssueInstant="{IssueInstant}"><saml:Issuer>{Issuer}</saml:Issuer><saml:Subject><saml:NameID Format="urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified">{NameID}</saml:NameID><saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer"><saml:SubjectConfirmationData NotOnOrAfter="{NotOnOrAfter}" Recipient="{Destination}" InResponseTo="{InResponseTo}"/></saml:SubjectConfirmation></saml:Subject><saml:Conditions NotBefore="{NotBefore}" NotOnOrAfter="{NotOnOrAfter}"><saml:AudienceRestriction><saml:Audience>{Audience}</saml:Audience></saml:AudienceRestriction></saml:Conditions><saml:AuthnStatement AuthnInstant="{IssueInstant}"><saml:AuthnContext><saml:AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:Password</saml:AuthnContextClassRef></saml:AuthnContext></saml:AuthnStatement><saml:AttributeStatement><saml:Attribute Name="email"><saml:AttributeValue xsi:type="xs:string">{Email}</saml:AttributeValue></saml:Attribute><saml:Attribute Name="groups"><saml:AttributeValue xsi:type="xs:string">{Group}</saml:AttributeValue></saml:Attribute></saml:AttributeStatement></saml:Assertion></samlp:Response>';

export interface SamlUser {
  nameId: string;
  email: string;
  group: string;
}

/** How the next response deviates from a correct one (the rejection cases). */
export interface ResponseVariant {
  unsigned?: boolean;
  audience?: string;
  /** Shift of NotBefore/NotOnOrAfter from now, e.g. -3_600_000 for an expired assertion. */
  shiftMs?: number;
  /** Sign with a key the SP does not trust. */
  foreignKey?: boolean;
}

export interface SamlIdp {
  entityId: string;
  ssoUrl: string;
  certificatePem: string;
  /** The IdP's metadata document, as an administrator would download it. */
  metadataXml: string;
  /** Who signs in and how the next response is built; set before following a redirect here. */
  next: { user: SamlUser; variant: ResponseVariant };
  close(): Promise<void>;
}

function serviceProvider(entityId: string, acsUrl: string, signed: boolean) {
  return samlify.ServiceProvider({
    entityID: entityId,
    assertionConsumerService: [{ Binding: samlify.Constants.namespace.binding.post, Location: acsUrl }],
    wantAssertionsSigned: signed,
    wantMessageSigned: false,
  });
}

function identityProvider(entityId: string, ssoUrl: string, key: SigningKey) {
  return samlify.IdentityProvider({
    entityID: entityId,
    privateKey: key.privateKeyPem,
    signingCert: key.certificatePem,
    singleSignOnService: [{ Binding: samlify.Constants.namespace.binding.redirect, Location: ssoUrl }],
    loginResponseTemplate: { context: RESPONSE_TEMPLATE, attributes: [] },
  });
}

function escapeHtml(value: string): string {
  return value.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");
}

/**
 * A SAML 2.0 IdP over HTTP built with samlify (not the product's library), signing with its own key. GET /sso
 * takes the HTTP-Redirect AuthnRequest and answers, like real IdPs, with an auto-submitting POST form to the ACS.
 */
export async function startSamlIdp(spEntityId: () => string, acsUrl: () => string): Promise<SamlIdp> {
  const key = createSigningKey("atrium-test-idp");
  const foreign = createSigningKey("someone-else");
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  const entityId = `http://127.0.0.1:${port}/metadata`;
  const ssoUrl = `http://127.0.0.1:${port}/sso`;
  const idp: SamlIdp = {
    entityId,
    ssoUrl,
    certificatePem: key.certificatePem,
    metadataXml: identityProvider(entityId, ssoUrl, key).getMetadata(),
    next: { user: { nameId: "nobody", email: "nobody@example.test", group: "none" }, variant: {} },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };

  server.on("request", async (req, res) => {
    try {
      const url = new URL(req.url ?? "/", ssoUrl);
      if (url.pathname !== "/sso") {
        res.writeHead(404).end();
        return;
      }
      const { user, variant } = idp.next;
      const signer = identityProvider(entityId, ssoUrl, variant.foreignKey ? foreign : key);
      const sp = serviceProvider(spEntityId(), acsUrl(), !variant.unsigned);
      const query = Object.fromEntries(url.searchParams);
      const parsed = await signer.parseLoginRequest(sp, "redirect", { query, octetString: "" });
      const requestId = (parsed.extract as { request?: { id?: string } }).request?.id ?? "";
      const now = Date.now();
      const shift = variant.shiftMs ?? 0;
      const response = await signer.createLoginResponse(
        sp,
        { extract: parsed.extract } as Parameters<typeof signer.createLoginResponse>[1],
        "post",
        { email: user.email },
        (template: string) => {
          const id = `_${randomUUID()}`;
          const values = {
            ID: id,
            AssertionID: `_${randomUUID()}`,
            IssueInstant: new Date(now + shift).toISOString(),
            Destination: acsUrl(),
            InResponseTo: requestId,
            Issuer: entityId,
            NameID: user.nameId,
            NotBefore: new Date(now + shift - 60_000).toISOString(),
            NotOnOrAfter: new Date(now + shift + 300_000).toISOString(),
            Audience: variant.audience ?? spEntityId(),
            Email: user.email,
            Group: user.group,
          };
          return { id, context: samlify.SamlLib.replaceTagsByValue(template, values) };
        },
      );
      const relayState = url.searchParams.get("RelayState") ?? "";
      const body = `<html><body onload="document.forms[0].submit()"><form method="post" action="${escapeHtml(acsUrl())}"><input type="hidden" name="SAMLResponse" value="${escapeHtml(response.context)}"/><input type="hidden" name="RelayState" value="${escapeHtml(relayState)}"/></form></body></html>`;
      res.writeHead(200, { "content-type": "text/html" }).end(body);
    } catch (error) {
      res.writeHead(400, { "content-type": "text/plain" }).end(String(error));
    }
  });
  return idp;
}
