"use client";

export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div className="card" style={{ maxWidth: 560, margin: "64px auto" }}>
      <div className="empty">
        <div className="empty-icon" aria-hidden="true">
          ⚠
        </div>
        <h1 style={{ fontSize: 18, marginBottom: 6 }}>Something went wrong</h1>
        <p>
          The page could not be loaded. {error.digest ? `Reference: ${error.digest}.` : ""} Try again, and contact
          support if it keeps happening.
        </p>
        <button type="button" className="btn btn-primary" onClick={reset}>
          Try again
        </button>
      </div>
    </div>
  );
}
