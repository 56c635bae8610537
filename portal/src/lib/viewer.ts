import { forbidden } from "next/navigation";
import { cache } from "react";
import { MeDocument, type ViewerFieldsFragment } from "@/generated/graphql";
import { query } from "./api/server-api";

export type Viewer = ViewerFieldsFragment;

/** One `me` call per request, shared by the layout and the page. */
export const getViewer = cache(async (): Promise<Viewer> => (await query(MeDocument, {})).me);

export function can(viewer: Viewer, permission: string): boolean {
  return viewer.permissions.includes(permission);
}

/** Pages call this first: a missing permission shows the 403 page before any data is requested. */
export async function requirePermission(permission: string): Promise<Viewer> {
  const viewer = await getViewer();
  if (!can(viewer, permission)) forbidden();
  return viewer;
}

export function isMspStaff(viewer: Viewer): boolean {
  return viewer.tenantId === null;
}

/** Where "/" sends each kind of user. */
export function homePathFor(viewer: Pick<Viewer, "tenantId" | "actingTenantId" | "permissions">): string {
  if (viewer.tenantId === null) return viewer.actingTenantId ? "/console" : "/msp";
  if (viewer.permissions.includes("tenant:read")) return "/console";
  return "/desktops";
}
