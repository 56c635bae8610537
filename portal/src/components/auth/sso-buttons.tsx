import { headers } from "next/headers";
import { SsoProvidersDocument } from "@/generated/graphql";
import { execute } from "@/lib/api/graphql-fetch";

/** Where the SSO start endpoint sends the browser back to: the landing page that redeems the ticket. */
const RETURN_TO = "/login/sso";

/**
 * One button per enabled SAML/OIDC provider of this sign-in page's tenant. A failure to list them leaves only the
 * password form: sign-in must not break because the buttons could not be drawn.
 */
export async function SsoButtons({ tenantSlug }: { tenantSlug: string | null }) {
  const host = (await headers()).get("host")?.replace(/:\d+$/, "") ?? null;
  const providers = await execute(SsoProvidersDocument, { tenant: tenantSlug, loginHost: host })
    .then((data) => data.ssoProviders)
    .catch(() => []);
  if (providers.length === 0) return null;
  return (
    <div className="sso-buttons">
      <div className="divider" aria-hidden="true">
        <span>or</span>
      </div>
      {providers.map((provider) => {
        const query = new URLSearchParams({ returnTo: RETURN_TO, ...(tenantSlug ? { tenant: tenantSlug } : {}) });
        return (
          <a
            key={provider.id}
            className="btn btn-block"
            href={`/auth/sso/${encodeURIComponent(provider.id)}/login?${query.toString()}`}
          >
            Sign in with {provider.name}
          </a>
        );
      })}
    </div>
  );
}
