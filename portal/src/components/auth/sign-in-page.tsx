import type { ReactNode } from "react";
import { safeCallbackPath } from "@/lib/routes";
import { SignInForm } from "./sign-in-form";

const REASONS: Record<string, { tone: "info" | "warning"; text: string }> = {
  expired: { tone: "warning", text: "Your session has ended. Sign in again to continue." },
  "signed-out": { tone: "info", text: "You have signed out." },
};

interface SignInPageProps {
  tenantSlug: string | null;
  searchParams: Record<string, string | string[] | undefined>;
}

/** Shared by `/signin` and `/t/<slug>`; identity-provider buttons and the MFA step slot in below the form. */
export function SignInPage({ tenantSlug, searchParams }: SignInPageProps): ReactNode {
  const reason = typeof searchParams.reason === "string" ? REASONS[searchParams.reason] : undefined;
  const callbackUrl = safeCallbackPath(typeof searchParams.callbackUrl === "string" ? searchParams.callbackUrl : null);
  return (
    <div className="auth-page">
      <section className="auth-hero" aria-hidden="true">
        <div className="brand" style={{ padding: 0 }}>
          <span className="brand-mark">A</span>
          <span>Atrium</span>
        </div>
        <div>
          <h2>Your desktop, wherever you work.</h2>
          <ul>
            <li>Secure virtual desktops on your provider&apos;s cloud</li>
            <li>Sign in once, connect from any browser</li>
            <li>Managed by your IT team and service provider</li>
          </ul>
        </div>
        <small>© Atrium Desktop-as-a-Service</small>
      </section>
      <main className="auth-panel">
        <div className="auth-card">
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
          <SignInForm tenantSlug={tenantSlug} callbackUrl={callbackUrl} />
        </div>
      </main>
    </div>
  );
}
