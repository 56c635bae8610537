import type { Metadata } from "next";
import { Badge } from "@/components/ui/badge";
import { Banner } from "@/components/ui/banner";
import { ConfirmAction } from "@/components/ui/confirm-action";
import { PageHeader } from "@/components/ui/page-header";
import {
  LinkableProvidersDocument,
  UserDocument,
  UserIdentitiesDocument,
  UserSupportDocument,
} from "@/generated/graphql";
import { query } from "@/lib/api/server-api";
import { formatDateTime, roleLabel } from "@/lib/format";
import { can, requirePermission } from "@/lib/viewer";
import { primaryRole } from "../roles";
import { deleteUserAction } from "../users.actions";
import { IdentityLinksPanel } from "./identity-links-panel";
import { DesktopsPanel, SessionsPanel, SignInPanel, SignInsPanel } from "./support-panels";
import { UserEditForm } from "./user-edit-form";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "User" };

export default async function UserPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const viewer = await requirePermission("users:read");
  const { id } = await params;
  const canWrite = can(viewer, "users:write");
  const [{ user }, support, identities, linkable] = await Promise.all([
    query(UserDocument, { id }),
    query(UserSupportDocument, { id }),
    query(UserIdentitiesDocument, { userId: id }),
    // Only an admin links or unlinks, and only they read the tenant's providers to pick from.
    canWrite && can(viewer, "identity:read") ? query(LinkableProvidersDocument, {}) : null,
  ]);
  const canSupport = can(viewer, "users:support");
  const name = user.displayName ?? user.username;
  const created = (await searchParams).created;
  return (
    <>
      <PageHeader
        title={name}
        description={`${user.username}${user.email ? ` · ${user.email}` : ""}`}
        crumbs={[{ href: "/console/users", label: "Users" }]}
        actions={
          canWrite && user.id !== viewer.id ? (
            <ConfirmAction
              action={deleteUserAction}
              fields={{ id: user.id }}
              label="Delete user"
              title={`Delete ${user.username}?`}
              confirmLabel="Delete user"
              size="md"
            >
              The user loses access immediately and their sessions end. This cannot be undone.
            </ConfirmAction>
          ) : null
        }
      />
      <Banner show={Boolean(created)}>The user was created.</Banner>
      <div className="grid grid-2">
        <section className="card" aria-labelledby="user-details">
          <div className="card-header">
            <h2 id="user-details">Details</h2>
          </div>
          <div className="card-body">
            <dl className="details-list">
              <dt>Status</dt>
              <dd>{user.disabled ? <Badge tone="danger">Disabled</Badge> : <Badge tone="success">Active</Badge>}</dd>
              <dt>Roles</dt>
              <dd>{user.roles.map(roleLabel).join(", ") || "—"}</dd>
              <dt>Source</dt>
              <dd>{user.source.toUpperCase()}</dd>
              <dt>Last sign-in</dt>
              <dd>{formatDateTime(user.lastLoginAt)}</dd>
              <dt>Created</dt>
              <dd>{formatDateTime(user.createdAt)}</dd>
            </dl>
          </div>
        </section>
        {canWrite ? (
          <section className="card" aria-labelledby="user-edit">
            <div className="card-header">
              <h2 id="user-edit">Edit</h2>
            </div>
            <div className="card-body">
              <UserEditForm
                user={{
                  id: user.id,
                  displayName: user.displayName,
                  email: user.email,
                  disabled: user.disabled,
                  role: primaryRole(user.roles),
                }}
              />
            </div>
          </section>
        ) : null}
        <SignInPanel user={support.user} name={name} canSupport={canSupport} />
      </div>
      <div className="stack" style={{ marginTop: 16 }}>
        <SessionsPanel user={support.user} canSupport={canSupport} />
        <IdentityLinksPanel
          userId={user.id}
          name={name}
          links={identities.externalIdentities}
          providers={
            linkable?.identityProviders.filter((provider) => provider.kind !== "RADIUS") ?? (canWrite ? [] : null)
          }
        />
        <DesktopsPanel user={support.user} canOperate={can(viewer, "desktops:operate")} />
        <SignInsPanel user={support.user} />
      </div>
    </>
  );
}
