import type { Column } from "@/components/lists/data-table";
import { ListCard } from "@/components/lists/list-card";
import { Badge } from "@/components/ui/badge";
import { type ExplainAccessQuery, RuleEffect } from "@/generated/graphql";
import { humanize, roleLabel } from "@/lib/format";

type Explanation = ExplainAccessQuery["explainAccess"];

type Step = Explanation["trace"][number] & { id: string };

function traceColumns(decidedBy: string | null | undefined): Column<Step>[] {
  return [
    { id: "position", header: "#", className: "mono", cell: (step) => step.position },
    {
      id: "matched",
      header: "Matched",
      cell: (step) => (
        <>
          {step.matched ? (
            <Badge tone={step.effect === RuleEffect.DENY ? "danger" : "success"}>
              {step.effect === RuleEffect.DENY ? "Deny" : step.effect === RuleEffect.ALLOW ? "Allow" : "Invalid"}
            </Badge>
          ) : (
            <Badge plain>No</Badge>
          )}
          {step.ruleId === decidedBy ? <div className="cell-sub">decided</div> : null}
        </>
      ),
    },
    { id: "why", header: "Why", cell: (step) => step.why },
  ];
}

/** The evaluator's verdict, the rules it walked through, and what each pool would offer. */
export function ExplanationView({ result }: { result: Explanation }) {
  return (
    <div className="stack" style={{ gap: 16 }}>
      <section className="card" aria-labelledby="verdict">
        <div className="card-header">
          <h2 id="verdict">{result.allowed ? "Access allowed" : "Access denied"}</h2>
          <Badge tone={result.allowed ? "success" : "danger"}>{humanize(result.reason)}</Badge>
        </div>
        <div className="card-body">
          <p>{result.detail}</p>
          <dl className="details-list" style={{ marginTop: 12 }}>
            <dt>Policy</dt>
            <dd>{result.policy?.name ?? "None"}</dd>
            <dt>Role</dt>
            <dd>{result.role ? roleLabel(result.role) : "The user's own"}</dd>
            <dt>Locations matched</dt>
            <dd>{result.matchedLocations.map((location) => location.name).join(", ") || "None"}</dd>
            <dt>Protocols</dt>
            <dd>{result.protocols.join(", ") || "None"}</dd>
            <dt>Conditions</dt>
            <dd>
              {[
                result.mfaRequired ? "Second factor required" : null,
                result.gatewayOnly ? "Gateway only" : null,
                result.html5Only ? "Browser only" : null,
              ]
                .filter(Boolean)
                .join(" · ") || "None"}
            </dd>
          </dl>
        </div>
      </section>
      <ListCard
        title="Rules checked"
        columns={traceColumns(result.decidedByRuleId)}
        rows={result.trace.map((step) => ({ ...step, id: step.ruleId }))}
        current={(step) => step.ruleId === result.decidedByRuleId}
        empty={<p className="card-body muted">No rule applies to this user.</p>}
      />
      {result.pools.length > 0 ? (
        <section className="card" aria-labelledby="offers">
          <div className="card-header">
            <h2 id="offers">What would be offered</h2>
          </div>
          <ul className="event-list">
            {result.pools.map((pool) => (
              <li key={pool.poolId}>
                <strong>{pool.poolName}</strong>
                <div>
                  <div>
                    {pool.offerCount} {pool.persistent ? "persistent" : "floating"} ·{" "}
                    {pool.protocols.join(", ") || "no protocol from here"}
                  </div>
                  <div className="cell-sub">
                    {pool.offered.length
                      ? `Offered: ${pool.offered.map((desktop) => desktop.name).join(", ")}`
                      : `Nothing offered${pool.notOffered[0] ? `: ${pool.notOffered[0].why}` : ""}`}
                  </div>
                </div>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
