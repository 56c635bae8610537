"use client";

import { useState } from "react";

/** A secret the API returns exactly once: shown with a copy button and a clear warning. */
export function SecretOnce({ label, secret }: { label: string; secret: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <div className="alert alert-warning stack" role="status">
      <strong>{label}</strong>
      <span>Copy it now: it will not be shown again.</span>
      <div className="secret-box">
        <code data-testid="created-secret" style={{ flex: 1 }}>
          {secret}
        </code>
        <button
          type="button"
          className="btn btn-sm"
          onClick={() => {
            void navigator.clipboard?.writeText(secret).then(() => setCopied(true));
          }}
        >
          {copied ? "Copied" : "Copy"}
        </button>
      </div>
    </div>
  );
}
