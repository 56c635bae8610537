"use client";

import { catchError, type ErrorInfo } from "next/error";

/**
 * A list that fails to load says so inside its own card and offers to try again, instead of taking the whole page
 * to the error page. Next's redirects, 404 and 403 pass through (catchError rethrows them), so an expired session
 * still goes to sign-in. In production the server hides the error's message; the digest lets support find it.
 */
function ListError(_props: object, { error, retry }: ErrorInfo) {
  const digest = error instanceof Error && "digest" in error ? String(error.digest) : null;
  return (
    <div className="card-body">
      <div className="alert alert-error list-error" role="alert">
        <span>This list could not be loaded.{digest ? ` Reference: ${digest}.` : ""}</span>
        <button type="button" className="btn btn-sm" onClick={() => retry()}>
          Try again
        </button>
      </div>
    </div>
  );
}

export const ListErrorBoundary = catchError(ListError);
