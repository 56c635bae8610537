import type { Metadata } from "next";
import { ConfirmRow } from "@/components/lists/confirm-row";
import type { Column } from "@/components/lists/data-table";
import { ListCard } from "@/components/lists/list-card";
import { StatusBadge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { SectionCard } from "@/components/ui/section-card";
import { CloudsDocument, type CloudsQuery } from "@/generated/graphql";
import { query } from "@/lib/api/server-api";
import { formatDateTime } from "@/lib/format";
import { listParams, type SearchParams } from "@/lib/list-params";
import { can, requirePermission } from "@/lib/viewer";
import { CloudCreateForm } from "./cloud-form";
import { deleteCloudAction } from "./clouds.actions";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Clouds" };

type Cloud = CloudsQuery["clouds"]["nodes"][number];

const COLUMNS: Column<Cloud>[] = [
  {
    id: "cloud",
    header: "Cloud",
    cell: (cloud) => (
      <>
        <div className="cell-title">{cloud.name}</div>
        <div className="cell-sub mono">{cloud.authUrl}</div>
      </>
    ),
  },
  {
    id: "status",
    header: "Status",
    cell: (cloud) => (
      <>
        <StatusBadge status={cloud.status} />
        {cloud.statusMessage ? <div className="cell-sub">{cloud.statusMessage}</div> : null}
      </>
    ),
  },
  {
    id: "project",
    header: "Project",
    secondary: true,
    cell: (cloud) => (
      <>
        {cloud.domainName}/{cloud.projectName}
        {cloud.region ? <div className="cell-sub">{cloud.region}</div> : null}
      </>
    ),
  },
  { id: "checked", header: "Last check", secondary: true, cell: (cloud) => formatDateTime(cloud.lastCheckedAt) },
];

function RemoveCloud({ cloud }: { cloud: Cloud }) {
  return (
    <ConfirmRow action={deleteCloudAction} fields={{ id: cloud.id }} verb="Remove" name={cloud.name} noun="cloud">
      Pools on this cloud stop scaling. Desktops already running are not deleted.
    </ConfirmRow>
  );
}

export default async function CloudsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const viewer = await requirePermission("clouds:read");
  const list = listParams(await searchParams);
  const { clouds } = await query(CloudsDocument, list.args);
  const canWrite = can(viewer, "clouds:write");
  return (
    <>
      <PageHeader
        title="Clouds"
        description="Virtuozzo Hybrid Infrastructure clusters that run your tenants' desktops."
      />
      <div className="grid" style={{ gridTemplateColumns: canWrite ? "minmax(0,2fr) minmax(300px,1fr)" : "1fr" }}>
        <ListCard
          label="Cloud list"
          columns={COLUMNS}
          rows={clouds}
          actions={canWrite ? (cloud) => <RemoveCloud cloud={cloud} /> : undefined}
          pager={{ list, noun: "clouds" }}
          empty={
            <EmptyState icon="☁" title="No clouds registered">
              <p>Register a VHI cluster with a service account so pools can create desktops on it.</p>
            </EmptyState>
          }
        />
        {canWrite ? (
          <SectionCard title="Register a cloud">
            <CloudCreateForm />
          </SectionCard>
        ) : null}
      </div>
    </>
  );
}
