import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import "../styles/base.css";
import "../styles/layout.css";
import "../styles/components.css";
import "../styles/forms.css";
import "../styles/live.css";
import "../styles/lists.css";

export const metadata: Metadata = {
  title: { default: "Atrium", template: "%s · Atrium" },
  description: "Desktops as a service",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

// Every page is rendered per request, so Next.js can put the request's CSP nonce on its scripts (a page rendered
// at build time would carry none, and the browser would refuse its scripts).
export const dynamic = "force-dynamic";

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
