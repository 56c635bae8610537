import { type ReactNode, useId } from "react";

/** A card with a heading and a padded body (a create form beside a list, a settings block), named by its heading. */
export function SectionCard({ title, children }: { title: string; children: ReactNode }) {
  const headingId = useId();
  return (
    <section className="card" aria-labelledby={headingId}>
      <div className="card-header">
        <h2 id={headingId}>{title}</h2>
      </div>
      <div className="card-body">{children}</div>
    </section>
  );
}
