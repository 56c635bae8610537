import type { Metadata } from "next";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Pager } from "@/components/ui/pager";
import { GroupsDocument } from "@/generated/graphql";
import { query } from "@/lib/api/server-api";
import { formatDate } from "@/lib/format";
import { pageStateOf } from "@/lib/pagination";
import { can, requirePermission } from "@/lib/viewer";
import { GroupCreateForm } from "./group-forms";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Groups" };

const PAGE_SIZE = 25;

export default async function GroupsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const viewer = await requirePermission("groups:read");
  const page = pageStateOf(await searchParams);
  const { groups } = await query(GroupsDocument, { first: PAGE_SIZE, after: page.after });
  return (
    <>
      <PageHeader title="Groups" description="Groups grant roles to their members and drive desktop assignment." />
      <div
        className="grid"
        style={{ gridTemplateColumns: can(viewer, "groups:write") ? "minmax(0,2fr) minmax(280px,1fr)" : "1fr" }}
      >
        <section className="card" aria-label="Group list">
          {groups.nodes.length === 0 ? (
            <EmptyState icon="◎" title="No groups yet">
              <p>Groups from your directory appear after their members sign in; local groups can be created here.</p>
            </EmptyState>
          ) : (
            <div className="table-wrap">
              <table className="data">
                <thead>
                  <tr>
                    <th scope="col">Group</th>
                    <th scope="col">Members</th>
                    <th scope="col">Source</th>
                    <th scope="col" className="hide-sm">
                      Created
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {groups.nodes.map((group) => (
                    <tr key={group.id}>
                      <td>
                        <Link className="cell-title" href={`/console/groups/${group.id}`}>
                          {group.name}
                        </Link>
                        {group.description ? <div className="cell-sub">{group.description}</div> : null}
                      </td>
                      <td>{group.members.totalCount}</td>
                      <td>
                        <Badge plain>{group.source.toUpperCase()}</Badge>
                      </td>
                      <td className="hide-sm">{formatDate(group.createdAt)}</td>
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
            shown={groups.nodes.length}
            totalCount={groups.totalCount}
            endCursor={groups.pageInfo.endCursor}
            hasNextPage={groups.pageInfo.hasNextPage}
            noun="groups"
          />
        </section>
        {can(viewer, "groups:write") ? (
          <section className="card" aria-labelledby="new-group">
            <div className="card-header">
              <h2 id="new-group">New group</h2>
            </div>
            <div className="card-body">
              <GroupCreateForm />
            </div>
          </section>
        ) : null}
      </div>
    </>
  );
}
