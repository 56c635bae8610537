"use client";

import { useEffect, useRef, useState } from "react";
import { DisplayProtocol } from "@/generated/graphql";
import { type ConnectResult, connectDesktop } from "./desktops.actions";

/** The user's last choice, kept in this browser so the next Connect starts from it. */
const CHOICE_KEY = "atrium.connect.protocol";

const CHOICE_LABELS: Record<DisplayProtocol, string> = {
  HTML5: "In this browser",
  RDP: "Remote Desktop app (RDP)",
  VNC: "VNC viewer app",
  SSH: "SSH client",
};

type Step = "idle" | "starting" | "ready" | "opening" | "opened" | "error";

const STEP_TEXT: Record<Exclude<Step, "idle" | "error">, string> = {
  starting: "Starting the desktop…",
  ready: "The desktop is ready.",
  opening: "Opening the desktop in a new tab…",
  opened: "The desktop opened in a new tab.",
};

/** What the user is offered first: their remembered choice when still offered, else the browser, else the first. */
function initialChoice(protocols: readonly DisplayProtocol[]): DisplayProtocol | null {
  const remembered = typeof window === "undefined" ? null : window.localStorage.getItem(CHOICE_KEY);
  const offered = protocols.find((protocol) => protocol === remembered);
  return offered ?? protocols.find((protocol) => protocol === DisplayProtocol.HTML5) ?? protocols[0] ?? null;
}

/** Shown in the tab opened for the viewer while the broker prepares the connection. */
function holdTab(tab: Window | null, name: string) {
  if (!tab) return;
  tab.document.title = `${name} — Atrium`;
  tab.document.body.textContent = `Preparing ${name}…`;
}

/**
 * Connect on the launcher: the protocols this user may use from here (the browser first), the choice remembered,
 * progress while the broker assigns and starts the desktop, then the viewer in a new tab with a single-use ticket —
 * or the `.rdp` file and address for a native client. The viewer's Reconnect asks this page for a fresh ticket.
 */
export function ConnectPanel({
  desktopId,
  desktopName,
  protocols,
  reconnect,
}: {
  desktopId: string;
  desktopName: string;
  protocols: readonly DisplayProtocol[];
  reconnect: boolean;
}) {
  const [choice, setChoice] = useState<DisplayProtocol | null>(protocols[0] ?? null);
  const [step, setStep] = useState<Step>("idle");
  const [result, setResult] = useState<Extract<ConnectResult, { ok: true }> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const viewerOrigin = useRef<string | null>(null);

  useEffect(() => setChoice(initialChoice(protocols)), [protocols]);

  // The viewer's Reconnect: tickets are single-use, so it asks the window that opened it for a new one.
  useEffect(() => {
    const onMessage = async (event: MessageEvent) => {
      if (!viewerOrigin.current || event.origin !== viewerOrigin.current) return;
      if (event.data?.type !== "atrium-viewer:reconnect" || event.data?.desktopId !== desktopId) return;
      const fresh = await connectDesktop(desktopId, DisplayProtocol.HTML5);
      if (fresh.ok && fresh.viewerUrl) {
        const ticket = new URLSearchParams(new URL(fresh.viewerUrl).hash.slice(1)).get("ticket");
        (event.source as Window | null)?.postMessage({ type: "atrium-viewer:ticket", ticket }, event.origin);
      }
    };
    window.addEventListener("message", onMessage);
    return () => window.removeEventListener("message", onMessage);
  }, [desktopId]);

  if (protocols.length === 0 || !choice) {
    return <p className="muted">No way to connect is allowed from here.</p>;
  }
  const inBrowser = choice === DisplayProtocol.HTML5;
  const busy = step === "starting" || step === "opening";

  const connect = async () => {
    window.localStorage.setItem(CHOICE_KEY, choice);
    setError(null);
    setResult(null);
    // Opened now, while the click still counts as the user's gesture, so no popup blocker stops it later.
    const tab = inBrowser ? window.open("", "_blank") : null;
    holdTab(tab, desktopName);
    setStep("starting");
    const outcome = await connectDesktop(desktopId, choice);
    if (!outcome.ok) {
      tab?.close();
      setStep("error");
      setError(outcome.message);
      return;
    }
    setResult(outcome);
    setStep("ready");
    if (!inBrowser || !outcome.viewerUrl) return;
    setStep("opening");
    const url = new URL(outcome.viewerUrl);
    viewerOrigin.current = url.origin;
    url.hash = `${url.hash.slice(1)}&portal=${encodeURIComponent(window.location.origin)}&desktop=${desktopId}`;
    if (tab) tab.location.href = url.toString();
    else window.open(url.toString(), "_blank");
    setStep("opened");
  };

  return (
    <div className="stack" data-testid="connect-panel">
      {protocols.length > 1 ? (
        <fieldset className="connect-choice">
          <legend>How to connect</legend>
          {protocols.map((protocol) => (
            <label key={protocol} className="row">
              <input
                type="radio"
                name={`connect-${desktopId}`}
                value={protocol}
                checked={choice === protocol}
                onChange={() => setChoice(protocol)}
                disabled={busy}
              />
              {CHOICE_LABELS[protocol]}
            </label>
          ))}
        </fieldset>
      ) : null}
      <div className="row">
        <button type="button" className="btn btn-primary" onClick={connect} disabled={busy} aria-busy={busy}>
          {busy ? "Connecting…" : inBrowser ? "Open in browser" : reconnect ? "Reconnect" : "Connect"}
        </button>
      </div>
      {step !== "idle" && step !== "error" ? (
        <ol className="connect-progress" aria-label="Connection progress">
          {(["starting", "ready", "opening"] as const).map((stage) =>
            stage === "opening" && !inBrowser ? null : (
              <li key={stage} data-done={isDone(step, stage)} aria-current={step === stage ? "step" : undefined}>
                {stage === "starting" && result?.starting ? "The desktop is starting up…" : STEP_TEXT[stage]}
              </li>
            ),
          )}
        </ol>
      ) : null}
      <div role="status" aria-live="polite">
        {step === "opened" ? <span className="muted">{STEP_TEXT.opened}</span> : null}
      </div>
      {error ? (
        <div className="alert alert-error" role="alert">
          {error}
        </div>
      ) : null}
      {result && !inBrowser ? <NativeDetails result={result} /> : null}
    </div>
  );
}

const ORDER: Step[] = ["starting", "ready", "opening", "opened"];
const isDone = (step: Step, stage: Step) => ORDER.indexOf(step) > ORDER.indexOf(stage);

function NativeDetails({ result }: { result: Extract<ConnectResult, { ok: true }> }) {
  return (
    <div className="alert alert-info stack" data-testid="connection">
      <span>
        {result.protocol} {result.route}
        {result.address ? ` · ${result.address}` : ""}
      </span>
      {result.rdpFile ? (
        <a
          className="btn btn-sm"
          href={`data:application/x-rdp;charset=utf-8,${encodeURIComponent(result.rdpFile)}`}
          download={`${result.desktopName}.rdp`}
        >
          Download .rdp file
        </a>
      ) : null}
      {result.viewerUrl ? (
        <a className="btn btn-sm" href={result.viewerUrl} target="_blank" rel="noopener">
          Open in browser instead
        </a>
      ) : null}
    </div>
  );
}
