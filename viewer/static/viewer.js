// Atrium HTML5 viewer: one desktop per window, over the gateway's WebSocket tunnels.
// Opened as /viewer#protocol=vnc|ssh|rdp|guacd&ticket=…&title=…&portal=<portal origin>. The ticket travels in the
// fragment, so it never reaches server logs or Referer headers, and is removed from the address bar at once.

const params = new URLSearchParams(window.location.hash.slice(1));
window.history.replaceState(null, "", window.location.pathname);

const protocol = (params.get("protocol") ?? "vnc").toLowerCase();
const portalOrigin = params.get("portal");
/** The desktop's id, so the portal knows which desktop a Reconnect is for. */
const desktopId = params.get("desktop");
let ticket = params.get("ticket");

const $ = (id) => document.getElementById(id);
const screen = $("screen");
const wsBase = `${window.location.protocol === "https:" ? "wss" : "ws"}://${window.location.host}`;

/** Shown when the gateway closed without its own reason (network loss, proxy timeout…). */
const FALLBACK_REASONS = {
  1006: "The connection to the gateway was lost",
  1001: "The gateway is restarting",
};

document.title = params.get("title") ? `${params.get("title")} — Atrium` : "Atrium desktop";
$("title").textContent = params.get("title") ?? "Desktop";

function setStatus(text) {
  $("status").textContent = text;
}

/** The way back to the launcher, when the portal opened us (its origin travels in the fragment). */
if (portalOrigin && /^https?:\/\/[^/]+$/.test(portalOrigin)) {
  $("launcher-link").href = `${portalOrigin}/desktops`;
  $("launcher-link").hidden = false;
}

function showNotice(text, heading = "") {
  $("notice-heading").textContent = heading;
  $("notice-heading").hidden = !heading;
  $("notice-text").textContent = text;
  $("notice").hidden = false;
}

/** Close codes 4401–4409 and 4418–4419 are the gateway refusing the ticket; everything else ends a session. */
const isRefusal = (code) => (code >= 4401 && code <= 4409) || code === 4418 || code === 4419;

let active = null;

function ended(event) {
  active = null;
  const reason = event.reason || FALLBACK_REASONS[event.code] || "Disconnected";
  const refused = isRefusal(event.code);
  setStatus(refused ? "Refused" : "Session ended");
  showNotice(reason, refused ? "The gateway refused the connection" : "The desktop session ended");
  document.body.dataset.state = refused ? "refused" : "ended";
  document.body.dataset.closeCode = String(event.code);
  $("reconnect").hidden = false;
}

function connected() {
  setStatus("Connected");
  $("notice").hidden = true;
  document.body.dataset.state = "connected";
}

async function connectVnc(ticketValue) {
  const { default: RFB } = await import("/vendor/novnc/core/rfb.js");
  // Our own socket, handed to noVNC, so the gateway's close code and reason reach the user.
  const socket = new WebSocket(`${wsBase}/tunnel/vnc?ticket=${encodeURIComponent(ticketValue)}`, ["binary"]);
  socket.addEventListener("close", ended);
  const rfb = new RFB(screen, socket, { shared: true });
  rfb.scaleViewport = true;
  rfb.resizeSession = true;
  rfb.addEventListener("connect", connected);
  rfb.addEventListener("credentialsrequired", () => {
    setStatus("The desktop asks for its password");
    $("credentials").hidden = false;
    $("password").focus();
  });
  rfb.addEventListener("securityfailure", (event) => showNotice(`Sign-in refused: ${event.detail.reason ?? ""}`));
  rfb.addEventListener("desktopname", (event) => {
    $("title").textContent = event.detail.name;
  });
  rfb.addEventListener("clipboard", (event) => {
    $("clipboard-text").value = event.detail.text;
  });
  $("credentials").onsubmit = (event) => {
    event.preventDefault();
    $("credentials").hidden = true;
    rfb.sendCredentials({ password: $("password").value });
    $("password").value = "";
  };
  return {
    ctrlAltDel: () => rfb.sendCtrlAltDel(),
    paste: (text) => rfb.clipboardPasteFrom(text),
    disconnect: () => rfb.disconnect(),
  };
}

async function connectSsh(ticketValue) {
  const [{ Terminal }, { FitAddon }] = await Promise.all([
    import("/vendor/xterm/lib/xterm.mjs"),
    import("/vendor/xterm-fit/lib/addon-fit.mjs"),
  ]);
  const terminal = new Terminal({ cursorBlink: true, convertEol: false });
  const fit = new FitAddon();
  terminal.loadAddon(fit);
  terminal.open(screen);
  fit.fit();
  const query = `ticket=${encodeURIComponent(ticketValue)}&cols=${terminal.cols}&rows=${terminal.rows}`;
  const socket = new WebSocket(`${wsBase}/tunnel/ssh?${query}`);
  socket.binaryType = "arraybuffer";
  const send = (message) => socket.readyState === WebSocket.OPEN && socket.send(JSON.stringify(message));
  socket.addEventListener("open", connected);
  socket.addEventListener("close", ended);
  socket.addEventListener("message", (event) => {
    if (typeof event.data !== "string") return terminal.write(new Uint8Array(event.data));
    const control = JSON.parse(event.data);
    if (control.t === "exit") setStatus(`Shell exited (${control.code ?? "signal"})`);
  });
  terminal.onData((data) => send({ t: "d", d: data }));
  terminal.onResize(({ cols, rows }) => send({ t: "r", cols, rows }));
  window.addEventListener("resize", () => fit.fit());
  terminal.focus();
  return {
    ctrlAltDel: null,
    paste: (text) => send({ t: "d", d: text }),
    disconnect: () => socket.close(1000),
  };
}

/** What the protocol modules may use of the page. */
const ui = {
  screen,
  wsBase,
  connected,
  ended,
  showNotice,
  setClipboardText: (text) => {
    $("clipboard-text").value = text;
  },
  /** Shows the sign-in form with a user name field; resolves once submitted. The fields are cleared at once. */
  askCredentials: () =>
    new Promise((resolve) => {
      setStatus("Sign in to the desktop");
      $("username-row").hidden = false;
      $("credentials").hidden = false;
      $("username").focus();
      $("credentials").onsubmit = (event) => {
        event.preventDefault();
        $("credentials").hidden = true;
        const credentials = { username: $("username").value, password: $("password").value };
        $("password").value = "";
        setStatus("Connecting…");
        resolve(credentials);
      };
    }),
};

const CONNECTORS = {
  vnc: connectVnc,
  ssh: connectSsh,
  rdp: async (ticketValue) => (await import("/viewer/rdp/ironrdp.js")).connectIronRdp(ticketValue, ui),
  // RDP through an external guacd, for installations that run one (GUACD_ADDRESS).
  guacd: async (ticketValue) => (await import("/viewer/rdp/guacd.js")).connectGuacd(ticketValue, ui),
};

async function start() {
  $("notice").hidden = true;
  screen.replaceChildren();
  if (!ticket) {
    document.body.dataset.state = "ended";
    setStatus("Not connected");
    return showNotice("No connection ticket: open the desktop from the portal", "Not connected");
  }
  setStatus("Connecting…");
  document.body.dataset.state = "connecting";
  const connect = CONNECTORS[protocol];
  if (!connect) return showNotice(`Unknown protocol ${protocol}`);
  const used = ticket;
  ticket = null; // single use: a reconnect needs a fresh one from the portal
  active = await connect(used);
  $("cad").hidden = !active?.ctrlAltDel;
}

$("cad").onclick = () => active?.ctrlAltDel?.();
$("clipboard-toggle").onclick = () => {
  const panel = $("clipboard");
  panel.hidden = !panel.hidden;
  $("clipboard-toggle").setAttribute("aria-expanded", String(!panel.hidden));
};
$("clipboard-send").onclick = () => active?.paste($("clipboard-text").value);
$("fullscreen").onclick = () => document.documentElement.requestFullscreen?.();
$("disconnect").onclick = () => active?.disconnect();

// Reconnect asks the portal window that opened us for a fresh ticket (tickets are single-use and short-lived);
// without that window, the launcher is where a new connection starts.
function reconnect() {
  if (portalOrigin && window.opener) {
    setStatus("Asking the portal for a new ticket…");
    window.opener.postMessage({ type: "atrium-viewer:reconnect", protocol, desktopId }, portalOrigin);
  } else if (!$("launcher-link").hidden) {
    window.location.href = $("launcher-link").href;
  } else {
    setStatus("Open the desktop again from the portal");
  }
}
$("reconnect").onclick = reconnect;
$("notice-reconnect").onclick = reconnect;
window.addEventListener("message", (event) => {
  if (!portalOrigin || event.origin !== portalOrigin) return;
  if (event.data?.type !== "atrium-viewer:ticket" || typeof event.data.ticket !== "string") return;
  ticket = event.data.ticket;
  $("reconnect").hidden = true;
  void start();
});

void start();
