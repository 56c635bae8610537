import type { ApiKeyFieldsFragment } from "@/generated/graphql";
import type { FormState } from "@/lib/form-state";
import { formatDate, formatDateTime } from "@/lib/format";
import { ApiKeyCreateForm } from "../forms/api-key-create-form";
import { Badge } from "../ui/badge";
import { ConfirmAction } from "../ui/confirm-action";
import { EmptyState } from "../ui/empty-state";

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

/** Shared by the tenant and MSP consoles: list, create (secret shown once), revoke with confirmation. */
export function ApiKeysPanel({ keys, createAction, revokeAction, scopes }: ApiKeysPanelProps) {
  const now = Date.now();
  return (
    <div className="grid" style={{ gridTemplateColumns: "minmax(0,2fr) minmax(280px,1fr)" }}>
      <section className="card" aria-label="API keys">
        {keys.length === 0 ? (
          <EmptyState icon="◆" title="No API keys yet">
            <p>Keys let billing and monitoring systems read data without a person signing in.</p>
          </EmptyState>
        ) : (
          <div className="table-wrap">
            <table className="data">
              <thead>
                <tr>
                  <th scope="col">Key</th>
                  <th scope="col">Scopes</th>
                  <th scope="col">Status</th>
                  <th scope="col" className="hide-sm">
                    Last used
                  </th>
                  <th scope="col">
                    <span className="sr-only">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {keys.map((key) => (
                  <tr key={key.id}>
                    <td>
                      <div className="cell-title">{key.name}</div>
                      <div className="cell-sub mono">
                        {key.prefix}… · created {formatDate(key.createdAt)}
                        {key.expiresAt ? ` · expires ${formatDate(key.expiresAt)}` : ""}
                      </div>
                    </td>
                    <td>
                      <div className="tag-list">
                        {key.scopes.map((scope) => (
                          <Badge key={scope} plain>
                            {scope}
                          </Badge>
                        ))}
                      </div>
                    </td>
                    <td>{keyStatus(key, now)}</td>
                    <td className="hide-sm">{formatDateTime(key.lastUsedAt)}</td>
                    <td style={{ textAlign: "right" }}>
                      {key.revokedAt ? null : (
                        <ConfirmAction
                          action={revokeAction}
                          fields={{ id: key.id }}
                          label="Revoke"
                          title={`Revoke ${key.name}?`}
                          confirmLabel="Revoke key"
                        >
                          Systems using this key lose access immediately.
                        </ConfirmAction>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section className="card" aria-labelledby="new-key">
        <div className="card-header">
          <h2 id="new-key">New API key</h2>
        </div>
        <div className="card-body">
          <ApiKeyCreateForm action={createAction} scopes={scopes} />
        </div>
      </section>
    </div>
  );
}
