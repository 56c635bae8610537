import type { Metadata } from "next";
import { StatusBadge } from "@/components/ui/badge";
import { ConfirmAction } from "@/components/ui/confirm-action";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Pager } from "@/components/ui/pager";
import { CloudsDocument } from "@/generated/graphql";
import { query } from "@/lib/api/server-api";
import { formatDateTime } from "@/lib/format";
import { pageStateOf } from "@/lib/pagination";
import { can, requirePermission } from "@/lib/viewer";
import { CloudCreateForm } from "./cloud-form";
import { deleteCloudAction } from "./clouds.actions";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Clouds" };

const PAGE_SIZE = 25;

export default async function CloudsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const viewer = await requirePermission("clouds:read");
  const page = pageStateOf(await searchParams);
  const { clouds } = await query(CloudsDocument, { first: PAGE_SIZE, after: page.after });
  const canWrite = can(viewer, "clouds:write");
  return (
    <>
      <PageHeader
        title="Clouds"
        description="Virtuozzo Hybrid Infrastructure clusters that run your tenants' desktops."
      />
      <div className="grid" style={{ gridTemplateColumns: canWrite ? "minmax(0,2fr) minmax(300px,1fr)" : "1fr" }}>
        <section className="card" aria-label="Cloud list">
          {clouds.nodes.length === 0 ? (
            <EmptyState icon="☁" title="No clouds registered">
              <p>Register a VHI cluster with a service account so pools can create desktops on it.</p>
            </EmptyState>
          ) : (
            <div className="table-wrap">
              <table className="data">
                <thead>
                  <tr>
                    <th scope="col">Cloud</th>
                    <th scope="col">Status</th>
                    <th scope="col" className="hide-sm">
                      Project
                    </th>
                    <th scope="col" className="hide-sm">
                      Last check
                    </th>
                    {canWrite ? (
                      <th scope="col">
                        <span className="sr-only">Actions</span>
                      </th>
                    ) : null}
                  </tr>
                </thead>
                <tbody>
                  {clouds.nodes.map((cloud) => (
                    <tr key={cloud.id}>
                      <td>
                        <div className="cell-title">{cloud.name}</div>
                        <div className="cell-sub mono">{cloud.authUrl}</div>
                      </td>
                      <td>
                        <StatusBadge status={cloud.status} />
                        {cloud.statusMessage ? <div className="cell-sub">{cloud.statusMessage}</div> : null}
                      </td>
                      <td className="hide-sm">
                        {cloud.domainName}/{cloud.projectName}
                        {cloud.region ? <div className="cell-sub">{cloud.region}</div> : null}
                      </td>
                      <td className="hide-sm">{formatDateTime(cloud.lastCheckedAt)}</td>
                      {canWrite ? (
                        <td style={{ textAlign: "right" }}>
                          <ConfirmAction
                            action={deleteCloudAction}
                            fields={{ id: cloud.id }}
                            label="Remove"
                            title={`Remove ${cloud.name}?`}
                            confirmLabel="Remove cloud"
                          >
                            Pools on this cloud stop scaling. Desktops already running are not deleted.
                          </ConfirmAction>
                        </td>
                      ) : null}
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
            shown={clouds.nodes.length}
            totalCount={clouds.totalCount}
            endCursor={clouds.pageInfo.endCursor}
            hasNextPage={clouds.pageInfo.hasNextPage}
            noun="clouds"
          />
        </section>
        {canWrite ? (
          <section className="card" aria-labelledby="new-cloud">
            <div className="card-header">
              <h2 id="new-cloud">Register a cloud</h2>
            </div>
            <div className="card-body">
              <CloudCreateForm />
            </div>
          </section>
        ) : null}
      </div>
    </>
  );
}
