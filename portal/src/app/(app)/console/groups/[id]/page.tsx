import type { Metadata } from "next";
import { ConfirmAction } from "@/components/ui/confirm-action";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Pager } from "@/components/ui/pager";
import { GroupDocument, UsersDocument } from "@/generated/graphql";
import { query } from "@/lib/api/server-api";
import { pageStateOf } from "@/lib/pagination";
import { can, requirePermission } from "@/lib/viewer";
import { AddMemberForm } from "../group-forms";
import { deleteGroupAction, removeMemberAction } from "../groups.actions";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Group" };

const PAGE_SIZE = 50;

export default async function GroupPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const viewer = await requirePermission("groups:read");
  const { id } = await params;
  const page = pageStateOf(await searchParams);
  const { group } = await query(GroupDocument, { id, first: PAGE_SIZE, after: page.after });
  const canWrite = can(viewer, "groups:write");
  const candidates = canWrite
    ? (await query(UsersDocument, { first: 200, after: null, filter: null })).users.nodes
    : [];
  const memberIds = new Set(group.members.nodes.map((member) => member.id));
  return (
    <>
      <PageHeader
        title={group.name}
        description={group.description ?? `${group.source.toUpperCase()} group`}
        crumbs={[{ href: "/console/groups", label: "Groups" }]}
        actions={
          canWrite ? (
            <ConfirmAction
              action={deleteGroupAction}
              fields={{ id: group.id }}
              label="Delete group"
              title={`Delete ${group.name}?`}
              confirmLabel="Delete group"
              size="md"
            >
              Members keep their accounts but lose the roles this group gave them.
            </ConfirmAction>
          ) : null
        }
      />
      <div className="grid" style={{ gridTemplateColumns: canWrite ? "minmax(0,2fr) minmax(280px,1fr)" : "1fr" }}>
        <section className="card" aria-label="Members">
          <div className="card-header">
            <h2>Members</h2>
          </div>
          {group.members.nodes.length === 0 ? (
            <EmptyState icon="◎" title="No members yet" />
          ) : (
            <div className="table-wrap">
              <table className="data">
                <thead>
                  <tr>
                    <th scope="col">User</th>
                    <th scope="col" className="hide-sm">
                      E-mail
                    </th>
                    {canWrite ? (
                      <th scope="col">
                        <span className="sr-only">Actions</span>
                      </th>
                    ) : null}
                  </tr>
                </thead>
                <tbody>
                  {group.members.nodes.map((member) => (
                    <tr key={member.id}>
                      <td>
                        <div className="cell-title">{member.displayName ?? member.username}</div>
                        <div className="cell-sub">{member.username}</div>
                      </td>
                      <td className="hide-sm">{member.email ?? "—"}</td>
                      {canWrite ? (
                        <td style={{ textAlign: "right" }}>
                          <ConfirmAction
                            action={removeMemberAction}
                            fields={{ groupId: group.id, userId: member.id }}
                            label="Remove"
                            title={`Remove ${member.username} from ${group.name}?`}
                            confirmLabel="Remove member"
                          >
                            They lose any role this group grants.
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
            shown={group.members.nodes.length}
            totalCount={group.members.totalCount}
            endCursor={group.members.pageInfo.endCursor}
            hasNextPage={group.members.pageInfo.hasNextPage}
            noun="members"
          />
        </section>
        {canWrite ? (
          <section className="card" aria-labelledby="add-member">
            <div className="card-header">
              <h2 id="add-member">Add member</h2>
            </div>
            <div className="card-body">
              <AddMemberForm
                groupId={group.id}
                users={candidates
                  .filter((user) => !memberIds.has(user.id))
                  .map((user) => ({ id: user.id, label: `${user.displayName ?? user.username} (${user.username})` }))}
              />
            </div>
          </section>
        ) : null}
      </div>
    </>
  );
}
