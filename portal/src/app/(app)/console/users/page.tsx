import type { Metadata } from "next";
import Link from "next/link";
import type { Column } from "@/components/lists/data-table";
import { FilterToolbar } from "@/components/lists/filter-toolbar";
import { ListCard } from "@/components/lists/list-card";
import { Badge } from "@/components/ui/badge";
import { Banner } from "@/components/ui/banner";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Role, UsersDocument, type UsersQuery } from "@/generated/graphql";
import { query } from "@/lib/api/server-api";
import { formatDateTime, roleLabel } from "@/lib/format";
import { listParams, type SearchParams } from "@/lib/list-params";
import { can, requirePermission } from "@/lib/viewer";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Users" };

type User = UsersQuery["users"]["nodes"][number];

const COLUMNS: Column<User>[] = [
  {
    id: "user",
    header: "User",
    cell: (user) => (
      <>
        <Link className="cell-title" href={`/console/users/${user.id}`}>
          {user.displayName ?? user.username}
        </Link>
        <div className="cell-sub">
          {user.username}
          {user.email ? ` · ${user.email}` : ""}
        </div>
      </>
    ),
  },
  {
    id: "role",
    header: "Role",
    cell: (user) => (
      <div className="tag-list">
        {user.roles.map((role) => (
          <Badge key={role} tone={role === Role.TENANT_ADMIN ? "accent" : "neutral"} plain>
            {roleLabel(role)}
          </Badge>
        ))}
      </div>
    ),
  },
  { id: "source", header: "Source", secondary: true, cell: (user) => user.source.toUpperCase() },
  {
    id: "status",
    header: "Status",
    cell: (user) => (user.disabled ? <Badge tone="danger">Disabled</Badge> : <Badge tone="success">Active</Badge>),
  },
  { id: "lastLogin", header: "Last sign-in", secondary: true, cell: (user) => formatDateTime(user.lastLoginAt) },
];

export default async function UsersPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const viewer = await requirePermission("users:read");
  const params = await searchParams;
  const list = listParams(params, { filters: ["q"] });
  const { users } = await query(UsersDocument, {
    ...list.args,
    filter: list.filters.q ? { search: list.filters.q } : null,
  });
  return (
    <>
      <PageHeader
        title="Users"
        description="People who can sign in to this tenant, and their roles."
        link={can(viewer, "users:write") ? { href: "/console/users/new", label: "+ New user", primary: true } : null}
      />
      <Banner show={Boolean(params.deleted)}>The user was deleted.</Banner>
      <ListCard
        label="User list"
        toolbar={
          <FilterToolbar
            id="user"
            list={list}
            submitLabel="Search"
            fields={[{ type: "search", name: "q", label: "Search", placeholder: "Name, username or e-mail" }]}
          />
        }
        columns={COLUMNS}
        rows={users}
        pager={{ list, noun: "users" }}
        empty={
          <EmptyState icon="◉" title={list.filtered ? "No users match your search" : "No users yet"}>
            <p>{list.filtered ? "Try another name or e-mail address." : "Create the first user to get started."}</p>
          </EmptyState>
        }
      />
    </>
  );
}
