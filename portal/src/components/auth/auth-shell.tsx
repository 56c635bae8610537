import type { ReactNode } from "react";

/** The sign-in pages' frame: the product's promise on the left, one card for the step at hand on the right. */
export function AuthShell({ children }: { children: ReactNode }) {
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
        <div className="auth-card">{children}</div>
      </main>
    </div>
  );
}
