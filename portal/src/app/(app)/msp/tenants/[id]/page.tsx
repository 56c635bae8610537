import type { Metadata } from "next";
import { StatusBadge } from "@/components/ui/badge";
import { ConfirmAction } from "@/components/ui/confirm-action";
import { PageHeader } from "@/components/ui/page-header";
import { CloudsDocument, TenantDocument } from "@/generated/graphql";
import { query } from "@/lib/api/server-api";
import { formatDateTime } from "@/lib/format";
import { portalBaseUrl } from "@/lib/public-url";
import { can, requirePermission } from "@/lib/viewer";
import { EnterTenantButton } from "../../enter-tenant-button";
import { CloudMappingStep } from "../cloud-mapping-step";
import { TenantCloudsForm } from "../tenant-clouds-form";
import { TenantEditForm, TenantLogoForm } from "../tenant-forms";
import { deleteTenantAction } from "../tenants.actions";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Tenant" };

export default async function TenantPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const viewer = await requirePermission("tenants:read");
  const { id } = await params;
  const search = await searchParams;
  const { tenant } = await query(TenantDocument, { id });
  const canWrite = can(viewer, "tenants:write");
  const allClouds =
    canWrite && can(viewer, "clouds:read") ? (await query(CloudsDocument, { first: 100 })).clouds : null;
  const signInUrl = `${await portalBaseUrl()}/t/${tenant.slug}`;
  return (
    <>
      <PageHeader
        title={tenant.name}
        description={`Sign-in address: ${signInUrl}`}
        crumbs={[{ href: "/msp", label: "Tenants" }]}
        actions={
          <>
            {can(viewer, "tenants:enter") ? (
              <EnterTenantButton tenantId={tenant.id} label="Enter console" primary />
            ) : null}
            {canWrite ? (
              <ConfirmAction
                action={deleteTenantAction}
                fields={{ id: tenant.id }}
                label="Delete tenant"
                title={`Delete ${tenant.name}?`}
                confirmLabel="Delete tenant"
              >
                All of the tenant&apos;s users lose access. Desktops must be removed from the cloud first.
              </ConfirmAction>
            ) : null}
          </>
        }
      />
      <div className="grid grid-2">
        <section className="card" aria-labelledby="tenant-details">
          <div className="card-header">
            <h2 id="tenant-details">Details</h2>
          </div>
          <div className="card-body">
            <dl className="details-list">
              <dt>Status</dt>
              <dd>
                <StatusBadge status={tenant.status} />
              </dd>
              <dt>VHI domain</dt>
              <dd>{tenant.vhiDomain ?? "—"}</dd>
              <dt>VHI project</dt>
              <dd>{tenant.vhiProject ?? "—"}</dd>
              <dt>Clouds</dt>
              <dd>{tenant.clouds.map((cloud) => cloud.name).join(", ") || "None: it cannot build pools"}</dd>
              <dt>Desktop limit</dt>
              <dd>{tenant.maxDesktops ?? "No limit"}</dd>
              <dt>Created</dt>
              <dd>{formatDateTime(tenant.createdAt)}</dd>
              <dt>Updated</dt>
              <dd>{formatDateTime(tenant.updatedAt)}</dd>
            </dl>
          </div>
        </section>
        {canWrite ? (
          <div className="stack">
            <section className="card" aria-labelledby="tenant-edit">
              <div className="card-header">
                <h2 id="tenant-edit">Settings</h2>
              </div>
              <div className="card-body">
                <TenantEditForm tenant={tenant} />
              </div>
            </section>
            <section className="card" aria-labelledby="tenant-logo">
              <div className="card-header">
                <h2 id="tenant-logo">Logo</h2>
              </div>
              <div className="card-body">
                <TenantLogoForm tenantId={tenant.id} logoDataUrl={tenant.logoDataUrl} />
              </div>
            </section>
            {allClouds ? (
              <section className="card" aria-labelledby="tenant-clouds">
                <div className="card-header">
                  <h2 id="tenant-clouds">Clouds</h2>
                </div>
                <div className="card-body">
                  <TenantCloudsForm
                    tenantId={tenant.id}
                    clouds={allClouds.nodes}
                    granted={tenant.clouds.map((cloud) => cloud.id)}
                  />
                </div>
              </section>
            ) : null}
            <section className="card" aria-labelledby="tenant-cloud">
              <div className="card-header">
                <h2 id="tenant-cloud">Cloud mapping</h2>
              </div>
              <div className="card-body">
                <CloudMappingStep tenant={tenant} cloudId={search.cloud} keep={{}} />
              </div>
            </section>
          </div>
        ) : null}
      </div>
    </>
  );
}
