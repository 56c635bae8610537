"use client";

import { useState } from "react";

/** A value to copy (a secret, a sign-in URL), with its copy button. */
export function CopyBox({ value, testId }: { value: string; testId: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <div className="secret-box">
      <code data-testid={testId} style={{ flex: 1 }}>
        {value}
      </code>
      <button
        type="button"
        className="btn btn-sm"
        onClick={() => {
          void navigator.clipboard?.writeText(value).then(() => setCopied(true));
        }}
      >
        {copied ? "Copied" : "Copy"}
      </button>
    </div>
  );
}

/** A secret the API returns exactly once: shown with a copy button and a clear warning. */
export function SecretOnce({ label, secret }: { label: string; secret: string }) {
  return (
    <div className="alert alert-warning stack" role="status">
      <strong>{label}</strong>
      <span>Copy it now: it will not be shown again.</span>
      <CopyBox value={secret} testId="created-secret" />
    </div>
  );
}
