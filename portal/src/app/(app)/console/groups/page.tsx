import type { Metadata } from "next";
import Link from "next/link";
import type { Column } from "@/components/lists/data-table";
import { ListCard } from "@/components/lists/list-card";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { SectionCard } from "@/components/ui/section-card";
import { GroupsDocument, type GroupsQuery } from "@/generated/graphql";
import { query } from "@/lib/api/server-api";
import { formatDate } from "@/lib/format";
import { listParams, type SearchParams } from "@/lib/list-params";
import { can, requirePermission } from "@/lib/viewer";
import { GroupCreateForm } from "./group-forms";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Groups" };

type Group = GroupsQuery["groups"]["nodes"][number];

const COLUMNS: Column<Group>[] = [
  {
    id: "group",
    header: "Group",
    cell: (group) => (
      <>
        <Link className="cell-title" href={`/console/groups/${group.id}`}>
          {group.name}
        </Link>
        {group.description ? <div className="cell-sub">{group.description}</div> : null}
      </>
    ),
  },
  { id: "members", header: "Members", cell: (group) => group.members.totalCount },
  { id: "source", header: "Source", cell: (group) => <Badge plain>{group.source.toUpperCase()}</Badge> },
  { id: "created", header: "Created", secondary: true, cell: (group) => formatDate(group.createdAt) },
];

export default async function GroupsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const viewer = await requirePermission("groups:read");
  const list = listParams(await searchParams);
  const { groups } = await query(GroupsDocument, list.args);
  const canWrite = can(viewer, "groups:write");
  return (
    <>
      <PageHeader title="Groups" description="Groups grant roles to their members and drive desktop assignment." />
      <div className="grid" style={{ gridTemplateColumns: canWrite ? "minmax(0,2fr) minmax(280px,1fr)" : "1fr" }}>
        <ListCard
          label="Group list"
          columns={COLUMNS}
          rows={groups}
          pager={{ list, noun: "groups" }}
          empty={
            <EmptyState icon="◎" title="No groups yet">
              <p>Groups from your directory appear after their members sign in; local groups can be created here.</p>
            </EmptyState>
          }
        />
        {canWrite ? (
          <SectionCard title="New group">
            <GroupCreateForm />
          </SectionCard>
        ) : null}
      </div>
    </>
  );
}
