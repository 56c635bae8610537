export const TENANT_ROLE_OPTIONS = [
  { value: "tenant_user", label: "User — signs in and uses desktops" },
  { value: "tenant_helpdesk", label: "Helpdesk — reads users, pools and desktops" },
  { value: "tenant_admin", label: "Administrator — manages the tenant" },
];

/** The role a user holds directly, for the edit form: the strongest one. */
export function primaryRole(roles: string[]): string {
  for (const role of ["tenant_admin", "tenant_helpdesk", "tenant_user"]) if (roles.includes(role)) return role;
  return "tenant_user";
}
