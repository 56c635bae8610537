// RDP through an external guacd: guacamole-common-js ⇄ gateway /tunnel/rdp ⇄ guacd ⇄ desktop. Optional: IronRDP
// (ironrdp.js) needs no guacd.

export async function connectGuacd(ticketValue, { screen, wsBase, connected, ended, showNotice, setClipboardText }) {
  const { default: Guacamole } = await import("/vendor/guacamole/esm/guacamole-common.js");
  const tunnel = new Guacamole.WebSocketTunnel(`${wsBase}/tunnel/rdp`);
  const client = new Guacamole.Client(tunnel);
  const display = client.getDisplay();
  screen.appendChild(display.getElement());
  tunnel.onstatechange = (state) => {
    if (state === Guacamole.Tunnel.State.OPEN) connected();
  };
  client.onerror = (status) => showNotice(status.message || "The remote desktop reported an error");
  // guacamole-common-js hides the WebSocket; its close arrives as a tunnel error carrying the gateway's reason.
  tunnel.onerror = (status) => ended({ code: status.code, reason: status.message });
  client.onclipboard = (stream, mimetype) => {
    if (!mimetype.startsWith("text/")) return;
    const reader = new Guacamole.StringReader(stream);
    let text = "";
    reader.ontext = (chunk) => {
      text += chunk;
    };
    reader.onend = () => setClipboardText(text);
  };
  const mouse = new Guacamole.Mouse(display.getElement());
  mouse.onEach(["mousedown", "mouseup", "mousemove"], (event) => client.sendMouseState(event.state, true));
  const keyboard = new Guacamole.Keyboard(document);
  keyboard.onkeydown = (keysym) => client.sendKeyEvent(1, keysym);
  keyboard.onkeyup = (keysym) => client.sendKeyEvent(0, keysym);
  const size = () =>
    `width=${screen.clientWidth}&height=${screen.clientHeight}&dpi=${Math.round(96 * devicePixelRatio)}`;
  window.addEventListener("resize", () => client.sendSize(screen.clientWidth, screen.clientHeight));
  client.connect(`ticket=${encodeURIComponent(ticketValue)}&${size()}`);
  const keys = [0xffe3, 0xffe9, 0xffff]; // Control_L, Alt_L, Delete
  return {
    ctrlAltDel: () => {
      for (const key of keys) client.sendKeyEvent(1, key);
      for (const key of [...keys].reverse()) client.sendKeyEvent(0, key);
    },
    paste: (text) => {
      const writer = new Guacamole.StringWriter(client.createClipboardStream("text/plain"));
      writer.sendText(text);
      writer.sendEnd();
    },
    disconnect: () => client.disconnect(),
  };
}
