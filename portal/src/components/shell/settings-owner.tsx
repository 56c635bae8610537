import { CurrentTenantDocument } from "@/generated/graphql";
import { query } from "@/lib/api/server-api";
import { getViewer } from "@/lib/viewer";

/**
 * Names whose settings a page shows. Reports, notifications and identity providers are the effective tenant's, or,
 * for MSP staff outside any tenant, the MSP's own: the same page must never leave the reader guessing which.
 */
export async function SettingsOwner({ what }: { what: string }) {
  const viewer = await getViewer();
  const inTenant = viewer.tenantId !== null || viewer.actingTenantId !== null;
  if (!inTenant) {
    return (
      <p className="alert alert-info" data-testid="settings-owner">
        Owner: <strong>the MSP</strong>. These are your own {what}, for your staff and across the installation, not a
        tenant&apos;s. Enter a tenant to see its {what}.
      </p>
    );
  }
  const { currentTenant } = await query(CurrentTenantDocument, {});
  return (
    <p className="alert alert-info" data-testid="settings-owner">
      Owner: <strong>{currentTenant.name}</strong>. These {what} apply to this tenant only.
    </p>
  );
}
