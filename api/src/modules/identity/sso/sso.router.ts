import type { IdentityProvider } from "@atrium/schema";
import express, { type Request, type Response, Router } from "express";
import { ANONYMOUS } from "../../../auth/principal.js";
import type { AppServices } from "../../../context/app-services.js";
import { callerCtx, signInCtx } from "../../../context/build-ctx.js";
import type { Ctx } from "../../../context/ctx.js";
import { acrossTenants } from "../../../db/index.js";
import { resolveSignInTenant } from "../identity-settings.service.js";
import { type AssertedIdentity, provisionInTransaction } from "../jit-provisioning.service.js";
import { failSignIn } from "../sign-in/sign-in-finish.service.js";
import { issueSsoTicket } from "../sign-in/sso-ticket.service.js";
import { completeOidcCallback, oidcAuthorizationUrl } from "./oidc.service.js";
import { samlFor, validateSamlPost } from "./saml.service.js";

/** Where the browser lands after SSO: the portal's page that redeems the ticket. */
const DEFAULT_RETURN = "/login/sso";

/** How the router reads a request: who the client is, and the public base URL the IdP must come back to. */
export interface SsoRequestReaders {
  clientIp: (req: Request) => string;
  /** Never the request's own scheme and host alone: behind a TLS-terminating proxy those are http://… */
  baseUrl: (req: Request) => string;
}

function contextOf(services: AppServices, req: Request, readers: SsoRequestReaders): Ctx {
  return callerCtx(services, {
    requestId: String(req.res?.getHeader("x-request-id") ?? ""),
    principal: ANONYMOUS,
    clientIp: readers.clientIp(req),
  });
}

/** Only paths on this site: an absolute or protocol-relative URL would make us an open redirector. */
function safeReturnTo(value: unknown): string {
  if (typeof value !== "string" || value.length > 500) return DEFAULT_RETURN;
  return /^\/(?![/\\])[^\s\\#]*$/.test(value) ? value : DEFAULT_RETURN;
}

/**
 * One answer for every failure (the reason is in the LoginEvent), except an account conflict: the IdP proved who the
 * user is, and only an administrator can link the account, so the user is told to ask for that.
 */
function fail(res: Response, returnTo: string, error: "sso_failed" | "account_conflict" = "sso_failed") {
  res.redirect(303, `${returnTo}#error=${error}`);
}

async function finish(
  ctx: Ctx,
  res: Response,
  provider: IdentityProvider,
  identity: AssertedIdentity,
  returnTo: string,
) {
  const provisioned = await provisionInTransaction(signInCtx(ctx, provider.tenantId), provider, identity);
  if (!provisioned.ok) {
    await failSignIn(ctx, {
      tenantId: provider.tenantId,
      username: identity.username,
      provider,
      reason: provisioned.reason,
    });
    return fail(res, returnTo, provisioned.conflict ? "account_conflict" : "sso_failed");
  }
  const ticket = await issueSsoTicket(ctx, provisioned.user, provider);
  res.redirect(303, `${returnTo}#ticket=${encodeURIComponent(ticket)}`);
}

/** The IdP comes back to its provider's own URL, whose id names the provider (and so the tenant) in any tenant. */
async function providerById(ctx: Ctx, id: string, kind: "saml" | "oidc") {
  const door = acrossTenants(ctx.manager, "SSO callback: the provider id in the URL names its tenant", ctx);
  const [provider] = await door.identityProviders.findByIds([id]);
  return provider?.kind === kind && provider.enabled ? provider : null;
}

/**
 * Browser SSO: `GET /auth/sso/:id/login?tenant=<slug>` (or the tenant's login host name) redirects to the IdP;
 * the IdP comes back to the SAML ACS or the OIDC callback, which provision the user and redirect with a ticket.
 */
export function createSsoRouter(services: AppServices, readers: SsoRequestReaders): Router {
  const router = Router();
  const baseUrlOf = readers.baseUrl;

  router.get("/sso/:id/login", async (req, res) => {
    const ctx = contextOf(services, req, readers);
    const returnTo = safeReturnTo(req.query.returnTo);
    const choice = await resolveSignInTenant(
      ctx,
      typeof req.query.tenant === "string" ? req.query.tenant : null,
      req.hostname,
    );
    const id = String(req.params.id);
    // The provider must belong to the tenant of the URL: tenant B's login page never starts tenant A's IdP.
    const provider = choice.found
      ? (await signInCtx(ctx, choice.tenantId).db.identityProviders.findByIds([id])).find((found) => found.enabled)
      : undefined;
    if (!provider || (provider.kind !== "saml" && provider.kind !== "oidc")) {
      res.status(404).json({ error: "unknown sign-in provider" });
      return;
    }
    if (provider.kind === "saml") {
      const url = await samlFor(ctx, provider, baseUrlOf(req)).getAuthorizeUrlAsync(returnTo, req.get("host"), {});
      res.redirect(302, url);
      return;
    }
    res.redirect(302, (await oidcAuthorizationUrl(ctx, provider, baseUrlOf(req), returnTo)).href);
  });

  router.get("/sso/:id/saml/metadata", async (req, res) => {
    const ctx = contextOf(services, req, readers);
    const provider = await providerById(ctx, String(req.params.id), "saml");
    if (!provider) {
      res.status(404).json({ error: "unknown sign-in provider" });
      return;
    }
    res
      .type("application/samlmetadata+xml")
      .send(samlFor(ctx, provider, baseUrlOf(req)).generateServiceProviderMetadata(null));
  });

  router.post("/sso/:id/saml/acs", express.urlencoded({ extended: false, limit: "512kb" }), async (req, res) => {
    const ctx = contextOf(services, req, readers);
    const returnTo = safeReturnTo(req.body?.RelayState);
    const provider = await providerById(ctx, String(req.params.id), "saml");
    const samlResponse = typeof req.body?.SAMLResponse === "string" ? req.body.SAMLResponse : "";
    if (!provider || !samlResponse) {
      await failSignIn(ctx, {
        tenantId: provider?.tenantId ?? null,
        username: "(saml)",
        provider,
        providerKind: "saml",
        reason: "no provider or no SAMLResponse",
      });
      return fail(res, returnTo);
    }
    let identity: AssertedIdentity;
    try {
      identity = await validateSamlPost(ctx, provider, baseUrlOf(req), samlResponse);
    } catch (error) {
      await failSignIn(ctx, {
        tenantId: provider.tenantId,
        username: "(saml)",
        provider,
        reason: `saml_invalid: ${(error as Error).message}`,
      });
      return fail(res, returnTo);
    }
    await finish(ctx, res, provider, identity, returnTo);
  });

  router.get("/sso/:id/oidc/callback", async (req, res) => {
    const ctx = contextOf(services, req, readers);
    const provider = await providerById(ctx, String(req.params.id), "oidc");
    if (!provider) {
      res.status(404).json({ error: "unknown sign-in provider" });
      return;
    }
    let result: Awaited<ReturnType<typeof completeOidcCallback>>;
    try {
      result = await completeOidcCallback(ctx, provider, new URL(`${baseUrlOf(req)}${req.originalUrl}`));
    } catch (error) {
      await failSignIn(ctx, {
        tenantId: provider.tenantId,
        username: "(oidc)",
        provider,
        reason: `oidc_invalid: ${(error as Error).message}`,
      });
      return fail(res, DEFAULT_RETURN);
    }
    await finish(ctx, res, provider, result.identity, safeReturnTo(result.returnTo));
  });

  return router;
}
