import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/ui/page-header";
import { CopyBox } from "@/components/ui/secret-once";
import { TenantDocument } from "@/generated/graphql";
import { query } from "@/lib/api/server-api";
import { portalBaseUrl } from "@/lib/public-url";
import { requirePermission } from "@/lib/viewer";
import { EnterTenantButton } from "../../../enter-tenant-button";
import { CloudMappingStep } from "../../cloud-mapping-step";
import { TenantAdminForm, TenantInvitationForm } from "../../tenant-forms";
import { WizardSteps } from "../../wizard-steps";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Onboard tenant" };

const STEPS = new Set(["cloud", "admin", "done"]);

export default async function OnboardPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  await requirePermission("tenants:write");
  const { id } = await params;
  const search = await searchParams;
  const step = search.step && STEPS.has(search.step) ? search.step : "cloud";
  const { tenant } = await query(TenantDocument, { id });
  const signInUrl = `${await portalBaseUrl()}/t/${tenant.slug}`;
  return (
    <>
      <PageHeader
        title={`Onboard ${tenant.name}`}
        description={`Sign-in address: ${signInUrl}`}
        crumbs={[{ href: "/msp", label: "Tenants" }]}
      />
      <WizardSteps current={step} />
      <div className="card">
        <div className="card-body">
          {step === "cloud" ? (
            <div className="stack">
              <h2>Where do this tenant&apos;s desktops run?</h2>
              <p className="muted">
                Pick the cloud, then the Keystone domain and project its service account can use. The project is checked
                with the cloud before anything is saved.
              </p>
              <CloudMappingStep tenant={tenant} cloudId={search.cloud} keep={{ step: "cloud" }} next="admin" />
            </div>
          ) : null}
          {step === "admin" ? (
            <div className="stack">
              <h2>First administrator</h2>
              <p className="muted">This person manages users, groups and desktops of {tenant.name}.</p>
              <TenantAdminForm tenantId={tenant.id} />
            </div>
          ) : null}
          {step === "done" ? (
            <div className="stack">
              <div className="alert alert-success" role="status">
                {tenant.name} is ready.
                {search.admin ? ` Administrator “${search.admin}” can sign in at the address below.` : ""}
              </div>
              <h2>Sign-in address</h2>
              <p className="muted">
                Send this address to the tenant&apos;s people: it opens {tenant.name}&apos;s sign-in page.
              </p>
              <CopyBox value={signInUrl} testId="sign-in-url" />
              {search.admin ? (
                <>
                  <h2>Invite the administrator</h2>
                  <p className="muted">
                    Optional: an e-mail with the address and their user name (never the password).
                  </p>
                  <TenantInvitationForm tenant={tenant} username={search.admin} email={search.email ?? ""} />
                </>
              ) : null}
              <p className="muted">
                Pools are created from the tenant&apos;s console once its cloud project has images and networks.
              </p>
              <div className="row">
                <EnterTenantButton tenantId={tenant.id} label="Open the tenant's console" primary />
                <Link className="btn" href={`/msp/tenants/${tenant.id}`}>
                  Tenant details
                </Link>
                <Link className="btn btn-ghost" href="/msp">
                  Back to tenants
                </Link>
              </div>
            </div>
          ) : null}
        </div>
      </div>
    </>
  );
}
