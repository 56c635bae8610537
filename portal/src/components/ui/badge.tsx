import { humanize, type Tone, toneOf } from "@/lib/format";

export function Badge({ children, tone, plain }: { children: string; tone?: Tone; plain?: boolean }) {
  const resolved = tone ?? "neutral";
  const toneClass = resolved === "neutral" ? "" : ` badge-${resolved}`;
  return <span className={`badge${toneClass}${plain ? " badge-plain" : ""}`}>{children}</span>;
}

/** A status word from the API shown with a colour that means the same everywhere. */
export function StatusBadge({ status }: { status: string }) {
  return <Badge tone={toneOf(status)}>{humanize(status)}</Badge>;
}
