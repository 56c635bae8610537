import { forbidden } from "next/navigation";
import { can, getViewer, type Viewer } from "@/lib/viewer";

/**
 * Billing is the MSP's: it needs the usage (billing:read) and the tenant list (tenants:read, MSP staff only), so a
 * tenant admin, who reads their own usage on their Reports page, and an MSP operator both get the 403 page.
 */
export async function requireMspBilling(): Promise<Viewer> {
  const viewer = await getViewer();
  if (!can(viewer, "billing:read") || !can(viewer, "tenants:read")) forbidden();
  return viewer;
}
