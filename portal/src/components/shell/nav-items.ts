export interface NavItem {
  href: string;
  label: string;
  icon: string;
  /** Shown only when the viewer has this permission. */
  permission?: string;
  exact?: boolean;
  /**
   * "tenant": only inside a tenant (settings that are the MSP's own outside one); "msp": only outside any tenant, so
   * an MSP admin working inside a tenant sees one "Audit log" and one "API keys", the tenant's.
   */
  context?: "tenant" | "msp";
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
      { href: "/console/reports", label: "Reports", icon: "▥", permission: "reports:read", context: "tenant" },
      {
        href: "/console/notifications",
        label: "Notifications",
        icon: "✉",
        permission: "notifications:write",
        context: "tenant",
      },
      { href: "/console/audit", label: "Audit log", icon: "☰", permission: "audit:read" },
      { href: "/console/api-keys", label: "API keys", icon: "◆", permission: "apiKeys:read" },
    ],
  },
  {
    title: "Access",
    items: [
      {
        href: "/console/identity-providers",
        label: "Identity providers",
        icon: "◐",
        permission: "identity:read",
        context: "tenant",
      },
      { href: "/console/locations", label: "Locations", icon: "◌", permission: "broker:read" },
      { href: "/console/policies", label: "Policies & plans", icon: "◈", permission: "broker:read" },
      { href: "/console/rules", label: "Assignment rules", icon: "◫", permission: "broker:read" },
      { href: "/console/explain", label: "Explain access", icon: "◬", permission: "access:explain" },
    ],
  },
  {
    title: "MSP",
    items: [
      { href: "/msp", label: "Overview", icon: "▤", permission: "tenants:read", exact: true },
      // billing:write is MSP-only (tenant admins read their own usage on their Reports page).
      { href: "/msp/billing", label: "Billing & usage", icon: "▥", permission: "billing:write" },
      { href: "/msp/clouds", label: "Clouds", icon: "☁", permission: "clouds:read" },
      { href: "/msp/staff", label: "MSP staff", icon: "◉", permission: "mspStaff:read" },
      { href: "/msp/api-keys", label: "API keys", icon: "◆", permission: "mspApiKeys:write", context: "msp" },
      { href: "/msp/audit", label: "Audit log", icon: "☰", permission: "mspAudit:read", context: "msp" },
      { href: "/msp/reports", label: "Reports", icon: "▥", permission: "reports:read", context: "msp" },
      {
        href: "/msp/notifications",
        label: "Notifications",
        icon: "✉",
        permission: "notifications:write",
        context: "msp",
      },
      {
        href: "/msp/identity-providers",
        label: "Staff sign-in",
        icon: "◐",
        permission: "identity:read",
        context: "msp",
      },
    ],
  },
  {
    title: "Account",
    items: [{ href: "/account/security", label: "Sign-in security", icon: "◇" }],
  },
];

export interface NavViewer {
  permissions: string[];
  /** A member of a tenant (not MSP staff): they see their own desktops. */
  isTenantMember: boolean;
  /** Working in a tenant: a member, or MSP staff who entered one. */
  inTenant: boolean;
}

/** The sections and links this viewer may use; tenant users see their desktops, MSP staff do not. */
export function navFor({ permissions, isTenantMember, inTenant }: NavViewer): NavSection[] {
  const inContext = (item: NavItem) => !item.context || (item.context === "tenant") === inTenant;
  return NAV_SECTIONS.map((section) => ({
    ...section,
    items: section.items.filter(
      (item) =>
        inContext(item) &&
        (item.permission ? permissions.includes(item.permission) : section.title !== "Workspace" || isTenantMember),
    ),
  })).filter((section) => section.items.length > 0);
}
