import type { ReactNode } from "react";

/** A page's message about what just happened (an action redirected here with e.g. `?deleted=1`), above its content. */
export function Banner({
  show,
  tone = "success",
  children,
}: {
  show: boolean;
  tone?: "success" | "info";
  children: ReactNode;
}) {
  if (!show) return null;
  return (
    <div className={`alert alert-${tone}`} role="status" style={{ marginBottom: 16 }}>
      {children}
    </div>
  );
}
