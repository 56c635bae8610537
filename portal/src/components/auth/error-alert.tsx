"use client";

import { useEffect, useRef } from "react";
import type { SignInState } from "@/lib/auth/sign-in-state";

/** The API's refusal, focused so screen readers announce it. */
export function ErrorAlert({ state }: { state: SignInState }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (state.error) ref.current?.focus();
  }, [state]);
  if (!state.error) return null;
  return (
    <div className="alert alert-error" role="alert" tabIndex={-1} ref={ref}>
      {state.error}
    </div>
  );
}
