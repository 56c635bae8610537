import type { Metadata } from "next";
import Link from "next/link";
import { Badge, StatusBadge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Pager } from "@/components/ui/pager";
import { TenantsDocument } from "@/generated/graphql";
import { query } from "@/lib/api/server-api";
import { formatDate } from "@/lib/format";
import { pageStateOf } from "@/lib/pagination";
import { can, requirePermission } from "@/lib/viewer";
import { EnterTenantButton } from "./enter-tenant-button";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Tenants" };

const PAGE_SIZE = 25;

export default async function TenantsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const viewer = await requirePermission("tenants:read");
  const params = await searchParams;
  const page = pageStateOf(params);
  const { tenants } = await query(TenantsDocument, { first: PAGE_SIZE, after: page.after });
  const canEnter = can(viewer, "tenants:enter");
  return (
    <>
      <PageHeader
        title="Tenants"
        description="The organisations you host, their cloud projects and limits."
        actions={
          can(viewer, "tenants:write") ? (
            <Link className="btn btn-primary" href="/msp/tenants/new">
              + Onboard tenant
            </Link>
          ) : null
        }
      />
      {params.deleted ? (
        <div className="alert alert-success" role="status" style={{ marginBottom: 16 }}>
          The tenant was deleted.
        </div>
      ) : null}
      <section className="card" aria-label="Tenant list">
        {tenants.nodes.length === 0 ? (
          <EmptyState icon="▤" title="No tenants yet">
            <p>Onboard your first customer to give them desktops.</p>
          </EmptyState>
        ) : (
          <div className="table-wrap">
            <table className="data">
              <thead>
                <tr>
                  <th scope="col">Tenant</th>
                  <th scope="col">Status</th>
                  <th scope="col" className="hide-sm">
                    VHI project
                  </th>
                  <th scope="col" className="hide-sm">
                    Desktop limit
                  </th>
                  <th scope="col" className="hide-sm">
                    Since
                  </th>
                  <th scope="col">
                    <span className="sr-only">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {tenants.nodes.map((tenant) => (
                  <tr key={tenant.id}>
                    <td>
                      <div className="row" style={{ flexWrap: "nowrap" }}>
                        <span
                          aria-hidden="true"
                          style={{ width: 10, height: 10, borderRadius: 3, background: tenant.brandColor ?? "#94a3b8" }}
                        />
                        <div>
                          <Link className="cell-title" href={`/msp/tenants/${tenant.id}`}>
                            {tenant.name}
                          </Link>
                          <div className="cell-sub">/t/{tenant.slug}</div>
                        </div>
                      </div>
                    </td>
                    <td>
                      <StatusBadge status={tenant.status} />
                    </td>
                    <td className="hide-sm">
                      {tenant.vhiProject ? (
                        <span className="mono">
                          {tenant.vhiDomain}/{tenant.vhiProject}
                        </span>
                      ) : (
                        <Badge tone="warning">Not mapped</Badge>
                      )}
                    </td>
                    <td className="hide-sm">{tenant.maxDesktops ?? "No limit"}</td>
                    <td className="hide-sm">{formatDate(tenant.createdAt)}</td>
                    <td style={{ textAlign: "right" }}>
                      {canEnter ? <EnterTenantButton tenantId={tenant.id} label="Enter console" /> : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <Pager
          state={page}
          base={{}}
          pageSize={PAGE_SIZE}
          shown={tenants.nodes.length}
          totalCount={tenants.totalCount}
          endCursor={tenants.pageInfo.endCursor}
          hasNextPage={tenants.pageInfo.hasNextPage}
          noun="tenants"
        />
      </section>
    </>
  );
}
