import { ConfirmRow } from "@/components/lists/confirm-row";
import type { Column } from "@/components/lists/data-table";
import { ListCard } from "@/components/lists/list-card";
import type { ApiKeyFieldsFragment } from "@/generated/graphql";
import { optionLabel } from "@/lib/enums";
import type { FormState } from "@/lib/form-state";
import { formatDate, formatDateTime } from "@/lib/format";
import { ApiKeyCreateForm } from "../forms/api-key-create-form";
import { Badge } from "../ui/badge";
import { EmptyState } from "../ui/empty-state";
import { SectionCard } from "../ui/section-card";

type Action = (state: FormState, formData: FormData) => Promise<FormState>;

interface ApiKeysPanelProps {
  keys: ApiKeyFieldsFragment[];
  createAction: Action;
  revokeAction: Action;
  scopes: { value: string; label: string }[];
}

function keyStatus(key: ApiKeyFieldsFragment, now: number) {
  if (key.revokedAt) return <Badge tone="danger">Revoked</Badge>;
  if (key.expiresAt && Date.parse(key.expiresAt) <= now) return <Badge tone="warning">Expired</Badge>;
  return <Badge tone="success">Active</Badge>;
}

/** "Expired" is judged at render time, so the columns take the moment the page was drawn. */
function columns(now: number, scopes: ApiKeysPanelProps["scopes"]): Column<ApiKeyFieldsFragment>[] {
  return [
    {
      id: "key",
      header: "Key",
      cell: (key) => (
        <>
          <div className="cell-title">{key.name}</div>
          <div className="cell-sub mono">
            {key.prefix}… · created {formatDate(key.createdAt)}
            {key.expiresAt ? ` · expires ${formatDate(key.expiresAt)}` : ""}
          </div>
        </>
      ),
    },
    {
      id: "scopes",
      header: "Scopes",
      cell: (key) => (
        <div className="tag-list">
          {key.scopes.map((scope) => (
            <Badge key={scope} plain>
              {optionLabel(scopes, scope)}
            </Badge>
          ))}
        </div>
      ),
    },
    { id: "status", header: "Status", cell: (key) => keyStatus(key, now) },
    { id: "lastUsed", header: "Last used", secondary: true, cell: (key) => formatDateTime(key.lastUsedAt) },
  ];
}

/** Shared by the tenant and MSP consoles: list, create (secret shown once), revoke with confirmation. */
export function ApiKeysPanel({ keys, createAction, revokeAction, scopes }: ApiKeysPanelProps) {
  return (
    <div className="grid" style={{ gridTemplateColumns: "minmax(0,2fr) minmax(280px,1fr)" }}>
      <ListCard
        label="API keys"
        columns={columns(Date.now(), scopes)}
        rows={keys}
        actions={(key) =>
          key.revokedAt ? null : (
            <ConfirmRow action={revokeAction} fields={{ id: key.id }} verb="Revoke" name={key.name} noun="key">
              Systems using this key lose access immediately.
            </ConfirmRow>
          )
        }
        empty={
          <EmptyState icon="◆" title="No API keys yet">
            <p>Keys let billing and monitoring systems read data without a person signing in.</p>
          </EmptyState>
        }
      />
      <SectionCard title="New API key">
        <ApiKeyCreateForm action={createAction} scopes={scopes} />
      </SectionCard>
    </div>
  );
}
