import { Badge } from "@/components/ui/badge";
import type { ExplainAccessQuery } from "@/generated/graphql";
import { humanize, roleLabel } from "@/lib/format";

type Explanation = ExplainAccessQuery["explainAccess"];

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
      <section className="card" aria-labelledby="trace">
        <div className="card-header">
          <h2 id="trace">Rules checked</h2>
        </div>
        {result.trace.length === 0 ? (
          <p className="card-body muted">No rule applies to this user.</p>
        ) : (
          <div className="table-wrap">
            <table className="data">
              <thead>
                <tr>
                  <th scope="col">#</th>
                  <th scope="col">Matched</th>
                  <th scope="col">Why</th>
                </tr>
              </thead>
              <tbody>
                {result.trace.map((step) => (
                  <tr key={step.ruleId} aria-current={step.ruleId === result.decidedByRuleId ? "true" : undefined}>
                    <td className="mono">{step.position}</td>
                    <td>
                      {step.matched ? (
                        <Badge tone={step.effect === "deny" ? "danger" : "success"}>
                          {step.effect === "deny" ? "Deny" : step.effect === "allow" ? "Allow" : "Invalid"}
                        </Badge>
                      ) : (
                        <Badge plain>No</Badge>
                      )}
                      {step.ruleId === result.decidedByRuleId ? <div className="cell-sub">decided</div> : null}
                    </td>
                    <td>{step.why}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
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
