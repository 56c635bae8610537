import { type Role, TenantRole } from "@/generated/graphql";
import { enumOptions } from "@/lib/enums";

export const TENANT_ROLE_OPTIONS = enumOptions<TenantRole>({
  TENANT_USER: "User — signs in and uses desktops",
  TENANT_HELPDESK: "Helpdesk — reads users, pools and desktops",
  TENANT_ADMIN: "Administrator — manages the tenant",
});

/** The tenant roles by their short names, for forms that hand one out with a group or a rule. */
export const ROLE_NAMES = enumOptions<TenantRole>({
  TENANT_USER: "User",
  TENANT_HELPDESK: "Helpdesk",
  TENANT_ADMIN: "Administrator",
});

const STRONGEST_FIRST = [TenantRole.TENANT_ADMIN, TenantRole.TENANT_HELPDESK, TenantRole.TENANT_USER];

/** The role a user holds directly, for the edit form: the strongest one. */
export function primaryRole(roles: readonly Role[]): TenantRole {
  return STRONGEST_FIRST.find((role) => roles.includes(role)) ?? TenantRole.TENANT_USER;
}
