import Link from "next/link";
import type { ReactNode } from "react";

/** The page's one way onward ("+ New user", "Explain access"), or null where the viewer may not take it. */
export interface HeaderLink {
  href: string;
  label: string;
  primary?: boolean;
}

interface PageHeaderProps {
  title: string;
  description?: ReactNode;
  crumbs?: { href: string; label: string }[];
  link?: HeaderLink | null;
  actions?: ReactNode;
}

export function PageHeader({ title, description, crumbs, link, actions }: PageHeaderProps) {
  return (
    <header className="page-header">
      <div>
        {crumbs?.length ? (
          <nav aria-label="Breadcrumb" className="breadcrumbs">
            {crumbs.map((crumb) => (
              <span key={crumb.href}>
                <Link href={crumb.href}>{crumb.label}</Link>
                {" / "}
              </span>
            ))}
          </nav>
        ) : null}
        <h1>{title}</h1>
        {description ? <p>{description}</p> : null}
      </div>
      {link || actions ? (
        <div className="actions">
          {link ? (
            <Link className={link.primary ? "btn btn-primary" : "btn"} href={link.href}>
              {link.label}
            </Link>
          ) : null}
          {actions}
        </div>
      ) : null}
    </header>
  );
}
