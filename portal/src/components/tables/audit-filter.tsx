import Link from "next/link";

/** Filter by action name, e.g. `signIn` or `createUser`; the API matches the exact action. */
export function AuditFilter({ action, clearHref }: { action: string | undefined; clearHref: string }) {
  return (
    <form className="toolbar" method="get" aria-label="Filters">
      <div className="field">
        <label htmlFor="audit-action">Action</label>
        <input
          id="audit-action"
          type="search"
          name="action"
          defaultValue={action ?? ""}
          placeholder="e.g. signIn, createUser"
        />
      </div>
      <button type="submit" className="btn">
        Filter
      </button>
      {action ? (
        <Link className="btn btn-ghost" href={clearHref}>
          Clear
        </Link>
      ) : null}
    </form>
  );
}
