import type { Metadata } from "next";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Pager } from "@/components/ui/pager";
import { UsersDocument } from "@/generated/graphql";
import { query } from "@/lib/api/server-api";
import { formatDateTime, roleLabel } from "@/lib/format";
import { filterParams, pageStateOf } from "@/lib/pagination";
import { can, requirePermission } from "@/lib/viewer";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Users" };

const PAGE_SIZE = 25;

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function UsersPage({ searchParams }: { searchParams: SearchParams }) {
  const viewer = await requirePermission("users:read");
  const params = await searchParams;
  const filters = filterParams(params, ["q"]);
  const page = pageStateOf(params);
  const { users } = await query(UsersDocument, {
    first: PAGE_SIZE,
    after: page.after,
    filter: filters.q ? { search: filters.q } : null,
  });
  const canWrite = can(viewer, "users:write");
  return (
    <>
      <PageHeader
        title="Users"
        description="People who can sign in to this tenant, and their roles."
        actions={
          canWrite ? (
            <Link className="btn btn-primary" href="/console/users/new">
              + New user
            </Link>
          ) : null
        }
      />
      {params.deleted ? (
        <div className="alert alert-success" role="status" style={{ marginBottom: 16 }}>
          The user was deleted.
        </div>
      ) : null}
      <section className="card" aria-label="User list">
        <form className="toolbar" method="get" aria-label="Filters">
          <div className="field">
            <label htmlFor="user-search">Search</label>
            <input
              id="user-search"
              type="search"
              name="q"
              defaultValue={filters.q ?? ""}
              placeholder="Name, username or e-mail"
            />
          </div>
          <button type="submit" className="btn">
            Search
          </button>
          {filters.q ? (
            <Link className="btn btn-ghost" href="/console/users">
              Clear
            </Link>
          ) : null}
        </form>
        {users.nodes.length === 0 ? (
          <EmptyState icon="◉" title={filters.q ? "No users match your search" : "No users yet"}>
            <p>{filters.q ? "Try another name or e-mail address." : "Create the first user to get started."}</p>
          </EmptyState>
        ) : (
          <div className="table-wrap">
            <table className="data">
              <thead>
                <tr>
                  <th scope="col">User</th>
                  <th scope="col">Role</th>
                  <th scope="col" className="hide-sm">
                    Source
                  </th>
                  <th scope="col">Status</th>
                  <th scope="col" className="hide-sm">
                    Last sign-in
                  </th>
                </tr>
              </thead>
              <tbody>
                {users.nodes.map((user) => (
                  <tr key={user.id}>
                    <td>
                      <Link className="cell-title" href={`/console/users/${user.id}`}>
                        {user.displayName ?? user.username}
                      </Link>
                      <div className="cell-sub">
                        {user.username}
                        {user.email ? ` · ${user.email}` : ""}
                      </div>
                    </td>
                    <td>
                      <div className="tag-list">
                        {user.roles.map((role) => (
                          <Badge key={role} tone={role === "tenant_admin" ? "accent" : "neutral"} plain>
                            {roleLabel(role)}
                          </Badge>
                        ))}
                      </div>
                    </td>
                    <td className="hide-sm">{user.source.toUpperCase()}</td>
                    <td>
                      {user.disabled ? <Badge tone="danger">Disabled</Badge> : <Badge tone="success">Active</Badge>}
                    </td>
                    <td className="hide-sm">{formatDateTime(user.lastLoginAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <Pager
          state={page}
          base={filters}
          pageSize={PAGE_SIZE}
          shown={users.nodes.length}
          totalCount={users.totalCount}
          endCursor={users.pageInfo.endCursor}
          hasNextPage={users.pageInfo.hasNextPage}
          noun="users"
        />
      </section>
    </>
  );
}
