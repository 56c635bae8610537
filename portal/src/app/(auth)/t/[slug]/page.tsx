import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { SignInPage } from "@/components/auth/sign-in-page";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Sign in" };

const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

export default async function TenantSignIn({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string }>;
  searchParams: Promise<Record<string, string | string[]>>;
}) {
  const { slug } = await params;
  if (!SLUG.test(slug)) notFound();
  return <SignInPage tenantSlug={slug} searchParams={await searchParams} />;
}
