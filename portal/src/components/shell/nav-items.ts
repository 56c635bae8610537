export interface NavItem {
  href: string;
  label: string;
  icon: string;
  /** Shown only when the viewer has this permission. */
  permission?: string;
  exact?: boolean;
}

export interface NavSection {
  title: string;
  items: NavItem[];
}

export const NAV_SECTIONS: NavSection[] = [
  {
    title: "Workspace",
    items: [{ href: "/desktops", label: "My desktops", icon: "▣" }],
  },
  {
    title: "Tenant console",
    items: [
      { href: "/console", label: "Dashboard", icon: "◔", permission: "tenant:read", exact: true },
      { href: "/console/users", label: "Users", icon: "◉", permission: "users:read" },
      { href: "/console/groups", label: "Groups", icon: "◎", permission: "groups:read" },
      { href: "/console/pools", label: "Pools", icon: "▦", permission: "pools:read" },
      { href: "/console/desktops", label: "Desktops", icon: "▭", permission: "desktops:read" },
      { href: "/console/sessions", label: "Sessions", icon: "◷", permission: "sessions:read" },
      { href: "/console/reports", label: "Reports", icon: "▥", permission: "reports:read" },
      { href: "/console/notifications", label: "Notifications", icon: "✉", permission: "notifications:write" },
      { href: "/console/audit", label: "Audit log", icon: "☰", permission: "audit:read" },
      { href: "/console/api-keys", label: "API keys", icon: "◆", permission: "apiKeys:read" },
    ],
  },
  {
    title: "Access",
    items: [
      { href: "/console/identity-providers", label: "Identity providers", icon: "◐", permission: "identity:read" },
      { href: "/console/locations", label: "Locations", icon: "◌", permission: "broker:read" },
      { href: "/console/policies", label: "Policies & plans", icon: "◈", permission: "broker:read" },
      { href: "/console/rules", label: "Assignment rules", icon: "◫", permission: "broker:read" },
      { href: "/console/explain", label: "Explain access", icon: "◬", permission: "access:explain" },
    ],
  },
  {
    title: "MSP",
    items: [
      { href: "/msp", label: "Tenants", icon: "▤", permission: "tenants:read", exact: true },
      { href: "/msp/clouds", label: "Clouds", icon: "☁", permission: "clouds:read" },
      { href: "/msp/staff", label: "MSP staff", icon: "◉", permission: "mspStaff:read" },
      { href: "/msp/api-keys", label: "API keys", icon: "◆", permission: "mspApiKeys:write" },
      { href: "/msp/audit", label: "Audit log", icon: "☰", permission: "mspAudit:read" },
    ],
  },
  {
    title: "Account",
    items: [{ href: "/account/security", label: "Sign-in security", icon: "◇" }],
  },
];

/** The sections and links this viewer may use; tenant users see their desktops, MSP staff do not. */
export function navFor(permissions: string[], isTenantMember: boolean): NavSection[] {
  return NAV_SECTIONS.map((section) => ({
    ...section,
    items: section.items.filter((item) =>
      item.permission ? permissions.includes(item.permission) : section.title !== "Workspace" || isTenantMember,
    ),
  })).filter((section) => section.items.length > 0);
}
