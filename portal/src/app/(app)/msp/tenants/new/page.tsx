import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { requirePermission } from "@/lib/viewer";
import { TenantCreateForm } from "../tenant-forms";
import { WizardSteps } from "../wizard-steps";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "New tenant" };

export default async function NewTenantPage() {
  await requirePermission("tenants:write");
  return (
    <>
      <PageHeader
        title="Onboard a tenant"
        description="Create the organisation, map it to its VHI project and give it a first administrator."
        crumbs={[{ href: "/msp", label: "Tenants" }]}
      />
      <WizardSteps current="organisation" />
      <div className="card">
        <div className="card-body">
          <TenantCreateForm />
        </div>
      </div>
    </>
  );
}
