import { TenantBrandingDocument } from "@/generated/graphql";
import { execute } from "@/lib/api/graphql-fetch";
import { safeCallbackPath } from "@/lib/routes";
import { type AuthBrand, AuthShell } from "./auth-shell";
import { SignInForm } from "./sign-in-form";
import { SsoButtons } from "./sso-buttons";

const REASONS: Record<string, { tone: "info" | "warning"; text: string }> = {
  expired: { tone: "warning", text: "Your session has ended. Sign in again to continue." },
  "signed-out": { tone: "info", text: "You have signed out." },
};

interface SignInPageProps {
  tenantSlug: string | null;
  searchParams: Record<string, string | string[] | undefined>;
}

/** The tenant's name and brand for its page; a failure to read them leaves the slug (sign-in must not break). */
async function brandOf(tenantSlug: string | null): Promise<AuthBrand | null> {
  if (!tenantSlug) return null;
  return execute(TenantBrandingDocument, { slug: tenantSlug })
    .then((data) => data.tenantBranding)
    .catch(() => null);
}

/** Shared by `/signin` and `/t/<slug>`: the password form, the tenant's SSO buttons, then (if asked) the MFA step. */
export async function SignInPage({ tenantSlug, searchParams }: SignInPageProps) {
  const brand = await brandOf(tenantSlug);
  const reason = typeof searchParams.reason === "string" ? REASONS[searchParams.reason] : undefined;
  const callbackUrl = safeCallbackPath(typeof searchParams.callbackUrl === "string" ? searchParams.callbackUrl : null);
  return (
    <AuthShell brand={brand}>
      <h1>Sign in</h1>
      <p>
        {tenantSlug ? (
          <>
            to <strong>{brand?.name ?? tenantSlug}</strong>
          </>
        ) : (
          "to your Atrium workspace"
        )}
      </p>
      {reason ? (
        <div className={`alert alert-${reason.tone}`} role="status" style={{ marginBottom: 16 }}>
          {reason.text}
        </div>
      ) : null}
      <SignInForm tenantSlug={tenantSlug} callbackUrl={callbackUrl}>
        <SsoButtons tenantSlug={tenantSlug} />
      </SignInForm>
    </AuthShell>
  );
}
