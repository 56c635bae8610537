"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";

interface AutoRefreshProps {
  /** Poll only while something is changing; a settled page stops asking. */
  active: boolean;
  intervalMs?: number;
  label: string;
}

/**
 * Live progress by polling: re-renders the server components of this page every few seconds (no client-side API
 * access, so tokens stay in the session cookie). Paused while the tab is hidden.
 */
export function AutoRefresh({ active, intervalMs = 3000, label }: AutoRefreshProps) {
  const router = useRouter();
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => {
      if (document.visibilityState === "visible") router.refresh();
    }, intervalMs);
    return () => clearInterval(timer);
  }, [active, intervalMs, router]);
  if (!active) return null;
  return (
    <span className="live-indicator" role="status">
      <span className="live-dot" aria-hidden="true" />
      {label}
    </span>
  );
}
