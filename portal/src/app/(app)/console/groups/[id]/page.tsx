import type { Metadata } from "next";
import { ConfirmRow } from "@/components/lists/confirm-row";
import type { Column } from "@/components/lists/data-table";
import { ListCard } from "@/components/lists/list-card";
import { ConfirmAction } from "@/components/ui/confirm-action";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { SectionCard } from "@/components/ui/section-card";
import { GroupDocument, type GroupQuery, UsersDocument } from "@/generated/graphql";
import { query } from "@/lib/api/server-api";
import { listParams, type SearchParams } from "@/lib/list-params";
import { can, requirePermission } from "@/lib/viewer";
import { AddMemberForm } from "../group-forms";
import { deleteGroupAction, removeMemberAction } from "../groups.actions";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Group" };

type Member = GroupQuery["group"]["members"]["nodes"][number];

const MEMBER_COLUMNS: Column<Member>[] = [
  {
    id: "user",
    header: "User",
    cell: (member) => (
      <>
        <div className="cell-title">{member.displayName ?? member.username}</div>
        <div className="cell-sub">{member.username}</div>
      </>
    ),
  },
  { id: "email", header: "E-mail", secondary: true, cell: (member) => member.email ?? "—" },
];

export default async function GroupPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<SearchParams>;
}) {
  const viewer = await requirePermission("groups:read");
  const { id } = await params;
  const list = listParams(await searchParams, { pageSize: 50 });
  const { group } = await query(GroupDocument, { id, ...list.args });
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
        <ListCard
          title="Members"
          columns={MEMBER_COLUMNS}
          rows={group.members}
          actions={
            canWrite
              ? (member) => (
                  <ConfirmRow
                    action={removeMemberAction}
                    fields={{ groupId: group.id, userId: member.id }}
                    verb="Remove"
                    name={`${member.username} from ${group.name}`}
                    noun="member"
                  >
                    They lose any role this group grants.
                  </ConfirmRow>
                )
              : undefined
          }
          pager={{ list, noun: "members" }}
          empty={<EmptyState icon="◎" title="No members yet" />}
        />
        {canWrite ? (
          <SectionCard title="Add member">
            <AddMemberForm
              groupId={group.id}
              users={candidates
                .filter((user) => !memberIds.has(user.id))
                .map((user) => ({ id: user.id, label: `${user.displayName ?? user.username} (${user.username})` }))}
            />
          </SectionCard>
        ) : null}
      </div>
    </>
  );
}
