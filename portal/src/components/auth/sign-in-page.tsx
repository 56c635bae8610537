import type { ReactNode } from "react";
import { safeCallbackPath } from "@/lib/routes";
import { AuthShell } from "./auth-shell";
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

/** Shared by `/signin` and `/t/<slug>`: the password form, the tenant's SSO buttons, then (if asked) the MFA step. */
export function SignInPage({ tenantSlug, searchParams }: SignInPageProps): ReactNode {
  const reason = typeof searchParams.reason === "string" ? REASONS[searchParams.reason] : undefined;
  const callbackUrl = safeCallbackPath(typeof searchParams.callbackUrl === "string" ? searchParams.callbackUrl : null);
  return (
    <AuthShell>
      <h1>Sign in</h1>
      <p>
        {tenantSlug ? (
          <>
            to <strong>{tenantSlug}</strong>
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
