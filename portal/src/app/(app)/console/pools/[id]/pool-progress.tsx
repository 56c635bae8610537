import { Badge, StatusBadge } from "@/components/ui/badge";
import { type PoolProgressQuery, PoolProvisioningState, PoolStatus, ProvisioningEventLevel } from "@/generated/graphql";
import { formatDateTime, humanize, type Tone } from "@/lib/format";

type Pool = PoolProgressQuery["pool"];
type PoolEvent = PoolProgressQuery["poolEvents"]["nodes"][number];

/** The availability buckets add up to the total; each gets a colour used in the bar and its legend. */
const SEGMENTS = [
  { key: "available", label: "Available", tone: "success" },
  { key: "assigned", label: "In use", tone: "accent" },
  { key: "provisioning", label: "Being built", tone: "info" },
  { key: "unavailable", label: "Unavailable", tone: "danger" },
  { key: "deleting", label: "Deleting", tone: "warning" },
] as const;

/** The controller is still working towards the pool's target: the page keeps polling. */
export function isSettling(pool: Pool): boolean {
  const counts = pool.desktopCounts;
  return (
    pool.provisioningState === PoolProvisioningState.GROWING ||
    pool.provisioningState === PoolProvisioningState.SHRINKING ||
    pool.status === PoolStatus.DRAINING ||
    counts.provisioning > 0 ||
    counts.deleting > 0 ||
    counts.total < pool.minTotal
  );
}

export function PoolProgress({ pool }: { pool: Pool }) {
  const counts = pool.desktopCounts;
  // The bar's scale is the pool's maximum, so an empty pool shows how far it can grow.
  const scale = Math.max(pool.maxTotal, counts.total, 1);
  const summary = `${counts.available} available, ${counts.assigned} in use, ${counts.provisioning} being built of ${counts.total} desktops (maximum ${pool.maxTotal})`;
  return (
    <div className="stack">
      <div className="progress-bar" role="img" aria-label={summary}>
        {SEGMENTS.map(({ key, tone }) =>
          counts[key] > 0 ? (
            <span
              key={key}
              className={`progress-segment tone-${tone}`}
              style={{ width: `${(counts[key] / scale) * 100}%` }}
            />
          ) : null,
        )}
      </div>
      <ul className="progress-legend" aria-label="Desktops by state">
        {SEGMENTS.map(({ key, label, tone }) => (
          <li key={key} data-testid={`count-${key}`}>
            <span className={`legend-swatch tone-${tone}`} aria-hidden="true" />
            <strong>{counts[key]}</strong> {label}
          </li>
        ))}
        <li>
          <span className="legend-swatch" aria-hidden="true" />
          <strong>{counts.total}</strong> of {pool.minTotal}–{pool.maxTotal}
        </li>
      </ul>
      {counts.failed > 0 ? (
        <div className="alert alert-warning" role="status">
          {counts.failed} desktop{counts.failed === 1 ? "" : "s"} failed to build or vanished from the cloud.
        </div>
      ) : null}
      {pool.lastError ? (
        <div className="alert alert-error" role="alert">
          {pool.lastError}
        </div>
      ) : null}
    </div>
  );
}

const LEVEL_TONES: Record<ProvisioningEventLevel, Tone> = {
  [ProvisioningEventLevel.INFO]: "info",
  [ProvisioningEventLevel.WARNING]: "warning",
  [ProvisioningEventLevel.ERROR]: "danger",
};

export function PoolEvents({ events, total }: { events: PoolEvent[]; total: number }) {
  if (events.length === 0) return <p className="muted card-body">The controller has not acted on this pool yet.</p>;
  return (
    <>
      <ol className="event-list" aria-label="Controller events, newest first">
        {events.map((event) => (
          <li key={event.id}>
            <Badge tone={LEVEL_TONES[event.level]}>{humanize(event.kind)}</Badge>
            <div>
              <div>{event.message}</div>
              <time className="cell-sub" dateTime={event.createdAt}>
                {formatDateTime(event.createdAt)}
              </time>
            </div>
          </li>
        ))}
      </ol>
      {total > events.length ? (
        <p className="muted card-body">
          Showing the latest {events.length} of {total}.
        </p>
      ) : null}
    </>
  );
}

/** What the controller is doing; a pool at its target reads "Up to date" rather than the controller's "idle". */
export function ControllerState({ pool }: { pool: Pool }) {
  if (pool.status !== PoolStatus.ACTIVE) return <StatusBadge status={pool.status} />;
  if (pool.provisioningState === PoolProvisioningState.IDLE) return <Badge tone="success">Up to date</Badge>;
  return <StatusBadge status={pool.provisioningState} />;
}
