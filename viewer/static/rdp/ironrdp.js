// RDP in the browser with IronRDP (ironrdp-wasm): the gateway's /tunnel/rdcleanpath is its RDCleanPath proxy. The
// ticket is IronRDP's authToken; the desktop address is the one the broker put in the ticket (the gateway refuses
// any other). The user's desktop password goes only into the RDP stream through the tunnel: never stored or sent
// anywhere else.

import { CTRL_ALT_DEL, SCANCODES } from "./scancodes.js";

const MODULE = "/vendor/ironrdp/rdp_client.js";

/** IronError kinds (rdp_client.d.ts) as the user should read them. */
const ERROR_TEXT = {
  1: "The desktop refused the user name or password",
  2: "The desktop refused the sign-in",
  3: "The desktop denied access",
  5: "The gateway cannot be reached",
  6: "The desktop does not accept this kind of connection",
};

/** The desktop address the broker put in the ticket (a JWT the browser holds anyway). */
function destinationOf(ticket) {
  const payload = ticket.split(".")[1] ?? "";
  const claims = JSON.parse(atob(payload.replace(/-/g, "+").replace(/_/g, "/")));
  return `${String(claims.host).includes(":") ? `[${claims.host}]` : claims.host}:${claims.port}`;
}

/** How long a hang-up by IronRDP waits for the gateway's own close frame, which follows its error PDU. */
const CLOSE_GRACE_MS = 500;

/**
 * IronRDP opens its WebSocket itself and reports a refusal only as an error kind. Wrapping the constructor for that
 * one socket lets the viewer show the gateway's own close reason, as it does for VNC and SSH. IronRDP hangs up the
 * moment it has read an RDCleanPath error, before the browser has processed the gateway's close frame right behind
 * it; its hang-up is held back briefly so that the close event carries the gateway's code and reason.
 */
function watchNextSocket(onClose) {
  const Native = window.WebSocket;
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      window.WebSocket = Native;
      // IronRDP also dispatches its own synthetic close event ("client dropped") when it lets go of the socket.
      this.addEventListener("close", (event) => event.isTrusted && onClose(event));
    }

    close(...args) {
      setTimeout(() => super.close(...args), CLOSE_GRACE_MS);
    }
  };
  return () => {
    window.WebSocket = Native;
  };
}

/** Maps a pointer position on the (scaled) canvas to desktop pixels. */
function desktopPoint(canvas, event) {
  const box = canvas.getBoundingClientRect();
  const x = Math.round(((event.clientX - box.left) * canvas.width) / box.width);
  const y = Math.round(((event.clientY - box.top) * canvas.height) / box.height);
  return [Math.max(0, Math.min(canvas.width - 1, x)), Math.max(0, Math.min(canvas.height - 1, y))];
}

export async function connectIronRdp(ticket, ui) {
  const {
    default: init,
    ClipboardData,
    DesktopSize,
    DeviceEvent,
    InputTransaction,
    SessionBuilder,
  } = await import(MODULE);
  // The WebAssembly module (about 4 MB) loads while the user types.
  const [credentials] = await Promise.all([ui.askCredentials(), init()]);
  const canvas = document.createElement("canvas");
  canvas.tabIndex = 0;
  canvas.className = "rdp";
  ui.screen.appendChild(canvas);

  let closeEvent = null;
  let restoreWebSocket = () => {};
  const socketClosed = new Promise((resolve) => {
    restoreWebSocket = watchNextSocket((event) => {
      closeEvent = event;
      resolve(event);
    });
  });
  const finish = async (fallback) => {
    // The gateway's close (with its reason) follows the RDCleanPath error PDU that made IronRDP give up.
    const event = closeEvent ?? (await Promise.race([socketClosed, new Promise((r) => setTimeout(r, 1000))]));
    ui.ended(event?.code >= 4000 ? event : { code: event?.code ?? 1000, reason: fallback });
  };

  const width = Math.max(640, Math.min(8192, ui.screen.clientWidth));
  const height = Math.max(480, Math.min(8192, ui.screen.clientHeight));
  let session;
  try {
    session = await new SessionBuilder()
      .username(credentials.username)
      .password(credentials.password)
      .destination(destinationOf(ticket))
      .proxyAddress(`${ui.wsBase}/tunnel/rdcleanpath`)
      .authToken(ticket)
      .desktopSize(new DesktopSize(width, height))
      .renderCanvas(canvas)
      .setCursorStyleCallbackContext(canvas)
      .setCursorStyleCallback(function cursor(kind, data, hotspotX, hotspotY) {
        this.style.cursor = kind === "url" ? `url(${data}) ${hotspotX} ${hotspotY}, default` : kind;
      })
      .remoteClipboardChangedCallback((data) => {
        const text = data.items().find((item) => item.mimeType() === "text/plain");
        if (text) ui.setClipboardText(String(text.value()));
      })
      .connect();
  } catch (error) {
    restoreWebSocket();
    await finish(ERROR_TEXT[error?.kind?.()] ?? "The RDP connection failed");
    return null;
  }
  ui.connected();

  const apply = (...events) => {
    const transaction = new InputTransaction();
    for (const event of events) transaction.addEvent(event);
    session.applyInputs(transaction);
  };
  canvas.addEventListener("mousemove", (event) => apply(DeviceEvent.mouseMove(...desktopPoint(canvas, event))));
  canvas.addEventListener("mousedown", (event) => {
    canvas.focus();
    apply(DeviceEvent.mouseMove(...desktopPoint(canvas, event)), DeviceEvent.mouseButtonPressed(event.button));
  });
  canvas.addEventListener("mouseup", (event) => apply(DeviceEvent.mouseButtonReleased(event.button)));
  canvas.addEventListener("contextmenu", (event) => event.preventDefault());
  canvas.addEventListener("wheel", (event) => {
    event.preventDefault();
    apply(DeviceEvent.wheelRotations(true, -Math.sign(event.deltaY) * 120, 0));
  });
  const key = (pressed) => (event) => {
    event.preventDefault();
    const code = SCANCODES[event.code];
    if (code !== undefined) apply(pressed ? DeviceEvent.keyPressed(code) : DeviceEvent.keyReleased(code));
    else if (event.key.length === 1) {
      apply(pressed ? DeviceEvent.unicodePressed(event.key) : DeviceEvent.unicodeReleased(event.key));
    }
  };
  canvas.addEventListener("keydown", key(true));
  canvas.addEventListener("keyup", key(false));
  canvas.addEventListener("blur", () => session.releaseAllInputs());
  canvas.focus();

  session.run().then(
    (info) => finish(info.reason()),
    () => finish("The RDP session ended with an error"),
  );
  return {
    ctrlAltDel: () => {
      apply(...CTRL_ALT_DEL.map((code) => DeviceEvent.keyPressed(code)));
      apply(...[...CTRL_ALT_DEL].reverse().map((code) => DeviceEvent.keyReleased(code)));
    },
    paste: (text) => {
      const data = new ClipboardData();
      data.addText("text/plain", text);
      void session.onClipboardPaste(data);
    },
    disconnect: () => session.shutdown(),
  };
}
