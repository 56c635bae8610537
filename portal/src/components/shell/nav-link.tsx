"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useEffect } from "react";

export function NavLink({ href, icon, label, exact }: { href: string; icon: string; label: string; exact?: boolean }) {
  const pathname = usePathname();
  const active = exact ? pathname === href : pathname === href || pathname.startsWith(`${href}/`);
  return (
    <Link
      className="nav-link"
      href={href}
      aria-current={active ? "page" : undefined}
      onClick={() => document.body.removeAttribute("data-nav-open")}
    >
      <span className="nav-icon" aria-hidden="true">
        {icon}
      </span>
      {label}
    </Link>
  );
}

/** Phone layout: the sidebar slides in; Escape or following a link closes it. */
export function MenuButton() {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === "Escape") document.body.removeAttribute("data-nav-open");
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);
  return (
    <button
      type="button"
      className="btn btn-sm menu-button"
      aria-controls="sidebar"
      onClick={() => {
        const open = document.body.getAttribute("data-nav-open") === "true";
        document.body.setAttribute("data-nav-open", open ? "false" : "true");
      }}
    >
      ☰ Menu
    </button>
  );
}
