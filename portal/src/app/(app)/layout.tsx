import Link from "next/link";
import type { CSSProperties, ReactNode } from "react";
import { navFor } from "@/components/shell/nav-items";
import { MenuButton, NavLink } from "@/components/shell/nav-link";
import { CurrentTenantDocument } from "@/generated/graphql";
import { query } from "@/lib/api/server-api";
import { readableAccent } from "@/lib/brand-color";
import { roleLabel } from "@/lib/format";
import { can, getViewer } from "@/lib/viewer";
import { leaveTenantAction, signOutAction } from "../actions/session.actions";

export const dynamic = "force-dynamic";

const HEX_COLOR = /^#[0-9a-f]{6}$/i;

export default async function AppLayout({ children }: { children: ReactNode }) {
  const viewer = await getViewer();
  const tenant = can(viewer, "tenant:read") ? (await query(CurrentTenantDocument, {})).currentTenant : null;
  const sections = navFor({
    permissions: viewer.permissions,
    isTenantMember: viewer.tenantId !== null,
    inTenant: viewer.tenantId !== null || viewer.actingTenantId !== null,
  });
  const name = viewer.displayName ?? viewer.username;
  const accent =
    tenant?.brandColor && HEX_COLOR.test(tenant.brandColor) ? readableAccent(tenant.brandColor) : undefined;
  const style = accent ? ({ "--accent": accent } as CSSProperties) : undefined;
  const roleText = viewer.roles.map(roleLabel).join(", ") || "Member";
  return (
    <div className="shell" style={style}>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <aside className="sidebar" id="sidebar" aria-label="Main navigation">
        <Link className="brand" href="/">
          {tenant?.logoDataUrl ? (
            // biome-ignore lint/performance/noImgElement: a data URL from the API; next/image cannot optimise it
            <img src={tenant.logoDataUrl} alt="" style={{ height: 32, maxWidth: 64, objectFit: "contain" }} />
          ) : (
            <span className="brand-mark" aria-hidden="true">
              A
            </span>
          )}
          <span>
            Atrium
            <small>
              {tenant?.name ?? (viewer.tenantId ? (viewer.tenantName ?? viewer.tenantSlug) : "Service provider")}
            </small>
          </span>
        </Link>
        <nav className="nav">
          {sections.map((section) => (
            <div className="nav-section" key={section.title}>
              <h2>{section.title}</h2>
              <ul>
                {section.items.map((item) => (
                  <li key={item.href}>
                    <NavLink href={item.href} icon={item.icon} label={item.label} exact={item.exact} />
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </nav>
        <div className="sidebar-footer">
          <strong>{name}</strong>
          {roleText}
        </div>
      </aside>
      <div className="main">
        <div className="topbar">
          <MenuButton />
          <div className="topbar-user">
            <span className="avatar" aria-hidden="true">
              {name.slice(0, 1).toUpperCase()}
            </span>
            <div className="user-meta">
              <strong>{name}</strong>
              <span>{roleText}</span>
            </div>
            <form action={signOutAction}>
              <button type="submit" className="btn btn-sm">
                Sign out
              </button>
            </form>
          </div>
        </div>
        {viewer.actingTenantId && tenant ? (
          <div className="acting-banner" role="status">
            <span>
              You are working inside <strong>{tenant.name}</strong>. Every action is recorded in both audit logs.
            </span>
            <form action={leaveTenantAction}>
              <button type="submit" className="btn btn-sm">
                Leave tenant
              </button>
            </form>
          </div>
        ) : null}
        <main className="content" id="main">
          {children}
        </main>
      </div>
    </div>
  );
}
