import type { Metadata } from "next";
import { ApiKeysPanel } from "@/components/tables/api-keys-panel";
import { PageHeader } from "@/components/ui/page-header";
import { MspApiKeysDocument } from "@/generated/graphql";
import { query } from "@/lib/api/server-api";
import { API_KEY_SCOPES } from "@/lib/api-key-actions";
import { requirePermission } from "@/lib/viewer";
import { createMspApiKeyAction, revokeMspApiKeyAction } from "./api-keys.actions";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "MSP API keys" };

export default async function MspApiKeysPage() {
  await requirePermission("mspApiKeys:write");
  const { mspApiKeys } = await query(MspApiKeysDocument, {});
  return (
    <>
      <PageHeader title="API keys" description="Installation-wide keys, e.g. for your billing system." />
      <ApiKeysPanel
        keys={mspApiKeys}
        createAction={createMspApiKeyAction}
        revokeAction={revokeMspApiKeyAction}
        scopes={API_KEY_SCOPES}
      />
    </>
  );
}
