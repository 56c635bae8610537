import type { Metadata } from "next";
import { ApiKeysPanel } from "@/components/tables/api-keys-panel";
import { PageHeader } from "@/components/ui/page-header";
import { ApiKeyScope, ApiKeysDocument } from "@/generated/graphql";
import { query } from "@/lib/api/server-api";
import { API_KEY_SCOPES } from "@/lib/api-key-actions";
import { requirePermission } from "@/lib/viewer";
import { createTenantApiKeyAction, revokeTenantApiKeyAction } from "./api-keys.actions";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "API keys" };

export default async function ApiKeysPage() {
  await requirePermission("apiKeys:read");
  const { apiKeys } = await query(ApiKeysDocument, {});
  return (
    <>
      <PageHeader title="API keys" description="Keys for systems that read this tenant's data." />
      <ApiKeysPanel
        keys={apiKeys}
        createAction={createTenantApiKeyAction}
        revokeAction={revokeTenantApiKeyAction}
        scopes={API_KEY_SCOPES.filter((scope) => scope.value !== ApiKeyScope.TENANTS_READ)}
      />
    </>
  );
}
