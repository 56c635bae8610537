/**
 * The portal's content security policy, built per request around a fresh nonce. Next.js reads the nonce from the
 * request's Content-Security-Policy header and puts it on every script it renders, so no script runs without it:
 * 'strict-dynamic' lets those scripts load the page's chunks, and nothing injected into a page can run. Inline
 * `style` attributes (React's style prop) stay allowed through style-src-attr; style elements need the nonce.
 * The HTML5 viewer is served by the gateway under its own policy and opens in its own tab, so nothing is framed.
 */
export function contentSecurityPolicy(nonce: string, development: boolean): string {
  return [
    "default-src 'self'",
    // React's development build evaluates code for its error overlays; production never does.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ""}`,
    `style-src 'self' 'nonce-${nonce}'`,
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "frame-src 'none'",
    "frame-ancestors 'none'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
  ].join("; ");
}

/** 128 random bits, base64: unguessable, and new for every response. */
export function newNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}

/**
 * HSTS only when the portal's public address (ATRIUM_PUBLIC_URL, else NEXTAUTH_URL) is https: browsers ignore it
 * over http, and sending it from a portal that is reached over http on purpose would only confuse.
 */
export function strictTransportSecurity(publicUrl: string | undefined): string | null {
  return publicUrl?.startsWith("https://") ? "max-age=31536000; includeSubDomains" : null;
}

/** Headers that are the same for every response, static files included (set in next.config.ts). */
export const STATIC_SECURITY_HEADERS = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  // For browsers without CSP frame-ancestors support.
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
];
