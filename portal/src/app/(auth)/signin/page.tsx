import type { Metadata } from "next";
import { headers } from "next/headers";
import { SignInPage } from "@/components/auth/sign-in-page";
import { tenantSlugFromHost } from "@/lib/routes";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Sign in" };

export default async function SignIn({ searchParams }: { searchParams: Promise<Record<string, string | string[]>> }) {
  const host = (await headers()).get("host");
  const tenantSlug = tenantSlugFromHost(host, process.env.ATRIUM_PORTAL_DOMAIN);
  return <SignInPage tenantSlug={tenantSlug} searchParams={await searchParams} />;
}
