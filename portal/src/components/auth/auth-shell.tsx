import type { CSSProperties, ReactNode } from "react";
import { readableAccent } from "@/lib/brand-color";

const HEX_COLOR = /^#[0-9a-f]{6}$/i;

/** A tenant's brand on its own sign-in page: its accent colour on the page, its logo in the card. */
export interface AuthBrand {
  name: string;
  brandColor: string | null;
  logoDataUrl: string | null;
}

/** The sign-in pages' frame: the product's promise on the left, one card for the step at hand on the right. */
export function AuthShell({ children, brand }: { children: ReactNode; brand?: AuthBrand | null }) {
  const accent = brand?.brandColor && HEX_COLOR.test(brand.brandColor) ? readableAccent(brand.brandColor) : undefined;
  const style = accent ? ({ "--accent": accent } as CSSProperties) : undefined;
  return (
    <div className="auth-page" style={style}>
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
          {brand?.logoDataUrl ? (
            // biome-ignore lint/performance/noImgElement: a data URL from the API; next/image cannot optimise it
            <img
              src={brand.logoDataUrl}
              alt={`${brand.name} logo`}
              style={{ maxHeight: 56, maxWidth: 220, objectFit: "contain", marginBottom: 16 }}
            />
          ) : null}
          {children}
        </div>
      </main>
    </div>
  );
}
