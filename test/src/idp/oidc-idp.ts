import http from "node:http";
import type { AddressInfo } from "node:net";
import Provider from "oidc-provider";

export interface OidcAccount {
  preferred_username: string;
  email: string;
  name: string;
  groups: string[];
}

export interface OidcIdp {
  issuer: string;
  /** The account the next interaction signs in as (the IdP's own login page, automated). */
  nextAccount: string;
  /** Registers our redirect URI once the product has created the provider (and so knows its callback URL). */
  configure(client: { clientId: string; clientSecret: string; redirectUri: string }): void;
  close(): Promise<void>;
}

/**
 * A certified OpenID Connect provider (npm oidc-provider) on a loopback port, with PKCE required and a `groups`
 * claim. Its interaction endpoint logs in `nextAccount` and grants consent without a page.
 */
export async function startOidcIdp(accounts: Record<string, OidcAccount>): Promise<OidcIdp> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  let provider: Provider | undefined;

  const idp: OidcIdp = {
    issuer,
    nextAccount: Object.keys(accounts)[0] ?? "",
    configure(client) {
      provider = new Provider(issuer, {
        clients: [
          {
            client_id: client.clientId,
            client_secret: client.clientSecret,
            redirect_uris: [client.redirectUri],
            response_types: ["code"],
            grant_types: ["authorization_code"],
            token_endpoint_auth_method: "client_secret_post",
          },
        ],
        pkce: { required: () => true },
        claims: { openid: ["sub"], email: ["email"], profile: ["preferred_username", "name", "groups"] },
        cookies: { keys: ["atrium-test-idp-cookie-key"] },
        features: { devInteractions: { enabled: false } },
        interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
        findAccount: async (_ctx: unknown, id: string) => {
          const account = accounts[id];
          if (!account) return undefined;
          return { accountId: id, claims: async () => ({ sub: id, ...account }) };
        },
      });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };

  server.on("request", async (req, res) => {
    if (!provider) {
      res.writeHead(503).end();
      return;
    }
    if (!req.url?.startsWith("/interaction/")) {
      provider.callback()(req, res);
      return;
    }
    try {
      const details = await provider.interactionDetails(req, res);
      if (details.prompt.name === "login") {
        await provider.interactionFinished(
          req,
          res,
          { login: { accountId: idp.nextAccount } },
          { mergeWithLastSubmission: false },
        );
        return;
      }
      const grant = new provider.Grant({
        accountId: details.session?.accountId ?? idp.nextAccount,
        clientId: String(details.params.client_id),
      });
      grant.addOIDCScope(String(details.params.scope));
      grant.addOIDCClaims(["preferred_username", "email", "name", "groups"]);
      const grantId = await grant.save();
      await provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
    } catch (error) {
      res.writeHead(400, { "content-type": "text/plain" }).end(String(error));
    }
  });
  return idp;
}
