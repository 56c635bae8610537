"use client";

import { useState } from "react";

/** Recovery codes, shown once: to copy or to save as a text file before they are gone. */
export function RecoveryCodes({ codes }: { codes: string[] }) {
  const [copied, setCopied] = useState(false);
  const content = `Atrium recovery codes: each works once, if you lose your phone.\n\n${codes.join("\n")}\n`;
  const copy = async () => {
    await navigator.clipboard.writeText(codes.join("\n"));
    setCopied(true);
  };
  return (
    <div className="alert alert-warning stack" role="status">
      <strong>Your recovery codes</strong>
      <span>Each works once, if you lose your phone. Store them somewhere safe now: they will not be shown again.</span>
      <ul className="recovery-codes" aria-label="Recovery codes" data-testid="recovery-codes">
        {codes.map((code) => (
          <li key={code}>{code}</li>
        ))}
      </ul>
      <div className="row">
        <button type="button" className="btn btn-sm" onClick={copy}>
          {copied ? "Copied" : "Copy codes"}
        </button>
        <a
          className="btn btn-sm"
          href={`data:text/plain;charset=utf-8,${encodeURIComponent(content)}`}
          download="atrium-recovery-codes.txt"
        >
          Download as .txt
        </a>
      </div>
    </div>
  );
}
