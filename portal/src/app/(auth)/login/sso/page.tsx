import type { Metadata } from "next";
import { AuthShell } from "@/components/auth/auth-shell";
import { SsoLanding } from "@/components/auth/sso-landing";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Single sign-on" };

export default function SsoLandingPage() {
  return (
    <AuthShell>
      <h1>Single sign-on</h1>
      <p>Your organisation&apos;s sign-in service sent you back here.</p>
      <SsoLanding />
    </AuthShell>
  );
}
