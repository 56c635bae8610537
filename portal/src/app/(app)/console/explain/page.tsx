import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { ClientKind, ExplainAccessDocument, UsersDocument } from "@/generated/graphql";
import { mutate, query } from "@/lib/api/server-api";
import { enumValue } from "@/lib/enums";
import { filterParams } from "@/lib/pagination";
import { requirePermission } from "@/lib/viewer";
import { CLIENT_KINDS } from "../locations/location-options";
import { ExplanationView } from "./explanation";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Explain access" };

/** A plain GET form: the question is in the URL, so an explanation can be shared with a colleague. */
export default async function ExplainPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requirePermission("access:explain");
  const params = filterParams(await searchParams, ["user", "address", "kind", "gateway"]);
  const { users } = await query(UsersDocument, { first: 200, after: null, filter: null });
  const kind = enumValue(ClientKind, params.kind) ?? ClientKind.WEB;
  const asked = params.user && params.address;
  const outcome = asked
    ? await mutate(ExplainAccessDocument, {
        userId: params.user ?? "",
        clientAddress: params.address ?? "",
        clientKind: kind,
        viaGateway: params.gateway === "on",
      })
    : null;
  const addressError = outcome && !outcome.ok ? (outcome.fieldErrors.clientAddress ?? outcome.message) : null;
  return (
    <>
      <PageHeader
        title="Explain access"
        description="Which rule decides for a user connecting from an address, which policy applies, and what is offered."
        crumbs={[{ href: "/console/rules", label: "Assignment rules" }]}
      />
      <section className="card" style={{ marginBottom: 16 }}>
        <form className="toolbar" method="get" aria-label="Question">
          <div className="field">
            <label htmlFor="explain-user">User</label>
            <select id="explain-user" name="user" defaultValue={params.user ?? ""} required>
              <option value="">Choose a user…</option>
              {users.nodes.map((user) => (
                <option key={user.id} value={user.id}>
                  {user.displayName ? `${user.displayName} (${user.username})` : user.username}
                </option>
              ))}
            </select>
          </div>
          <div className="field" data-invalid={addressError ? "true" : undefined}>
            <label htmlFor="explain-address">Client address</label>
            <input
              id="explain-address"
              name="address"
              type="text"
              required
              defaultValue={params.address ?? ""}
              placeholder="e.g. 203.0.113.7"
              aria-invalid={addressError ? true : undefined}
              aria-describedby={addressError ? "explain-address-error" : undefined}
            />
            {addressError ? (
              <span className="field-error" id="explain-address-error">
                {addressError}
              </span>
            ) : null}
          </div>
          <div className="field">
            <label htmlFor="explain-kind">Client</label>
            <select id="explain-kind" name="kind" defaultValue={kind}>
              {CLIENT_KINDS.map((kind) => (
                <option key={kind.value} value={kind.value}>
                  {kind.label}
                </option>
              ))}
            </select>
          </div>
          <label className="check">
            <input type="checkbox" name="gateway" defaultChecked={params.gateway === "on"} />
            Through the gateway
          </label>
          <button type="submit" className="btn btn-primary">
            Explain
          </button>
        </form>
      </section>
      {outcome?.ok ? <ExplanationView result={outcome.data.explainAccess} /> : null}
    </>
  );
}
