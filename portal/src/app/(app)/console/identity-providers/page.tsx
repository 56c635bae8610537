import type { Metadata } from "next";
import { ListCard } from "@/components/lists/list-card";
import { SettingsOwner } from "@/components/shell/settings-owner";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { SectionCard } from "@/components/ui/section-card";
import { IdentityProvidersDocument, type IdentityProvidersQuery } from "@/generated/graphql";
import { query } from "@/lib/api/server-api";
import { optionLabel } from "@/lib/enums";
import { roleLabel } from "@/lib/format";
import { can, requirePermission } from "@/lib/viewer";
import { ProviderCreateForm } from "./provider-form";
import { providerTarget } from "./provider-input";
import { PROVIDER_KINDS } from "./provider-options";
import { ProviderRowActions } from "./provider-row-actions";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Identity providers" };

type Provider = IdentityProvidersQuery["identityProviders"][number];

function ProviderItem({ provider, mayWrite }: { provider: Provider; mayWrite: boolean }) {
  return (
    <li aria-label={provider.name}>
      <div>
        <div className="row" style={{ gap: 8 }}>
          <strong>{provider.name}</strong>
          <Badge plain>{optionLabel(PROVIDER_KINDS, provider.kind)}</Badge>
          {provider.enabled ? <Badge tone="success">Enabled</Badge> : <Badge>Disabled</Badge>}
        </div>
        <div className="cell-sub mono">{providerTarget(provider.settings) || "—"}</div>
        <div className="cell-sub">
          Priority {provider.priority}
          {provider.hasSecret ? " · secret stored" : ""}
          {provider.groupRoleMappings.length
            ? ` · ${provider.groupRoleMappings.map((m) => `${m.group} → ${roleLabel(m.role)}`).join(", ")}`
            : ""}
        </div>
        {provider.spEntityId ? (
          <div className="cell-sub">
            Our entity ID: <span className="mono">{provider.spEntityId}</span>
          </div>
        ) : null}
      </div>
      <ProviderRowActions id={provider.id} name={provider.name} enabled={provider.enabled} mayWrite={mayWrite} />
    </li>
  );
}

export default async function IdentityProvidersPage() {
  const viewer = await requirePermission("identity:read");
  const { identityProviders } = await query(IdentityProvidersDocument, {});
  const mayWrite = can(viewer, "identity:write");
  const providers = [...identityProviders].sort((a, b) => a.priority - b.priority || a.name.localeCompare(b.name));
  return (
    <>
      <PageHeader
        title="Identity providers"
        description="Where users are checked at sign-in: directories, single sign-on and a RADIUS second factor."
      />
      <SettingsOwner what="identity providers and sign-in policy" />
      <div className="stack" style={{ gap: 16 }}>
        <ListCard
          title="Providers"
          rows={providers}
          render={(rows) => (
            <ul className="provider-list">
              {rows.map((provider) => (
                <ProviderItem key={provider.id} provider={provider} mayWrite={mayWrite} />
              ))}
            </ul>
          )}
          empty={
            <EmptyState icon="◐" title="Only local accounts">
              <p>Connect your directory or single sign-on so people use the password they already have.</p>
            </EmptyState>
          }
        />
        {mayWrite ? (
          <SectionCard title="Add a provider">
            <ProviderCreateForm />
          </SectionCard>
        ) : null}
      </div>
    </>
  );
}
