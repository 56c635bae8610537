import net from "node:net";
import {
  changedRect,
  DEMO_SCREEN,
  type DemoScene,
  type Rect,
  renderScene,
  TYPED_LIMIT,
  unionRect,
} from "./demo-desktop-scene.js";
import {
  decodePixelFormat,
  encodePixelFormat,
  type PixelFormat,
  rawUpdate,
  SERVER_PIXEL_FORMAT,
  SocketReader,
} from "./demo-rfb-session.js";

/** Who the demo desktop says is signed in, and its name. */
export interface DemoDesktopLabel {
  desktopName: string;
  userLabel: string;
}

export interface DemoDesktopServer {
  /** The loopback address of `desktopId`'s demo desktop (listening from the first call on), labelled anew. */
  addressFor(desktopId: string, label: DemoDesktopLabel): Promise<{ host: string; port: number }>;
  close(): Promise<void>;
}

export interface DemoDesktopServerOptions {
  now?: () => Date;
  /** How often the clock is redrawn while somebody watches. */
  tickMs?: number;
}

const HOST = "127.0.0.1";
const VERSION = "RFB 003.008\n";
const KEY = { backspace: 0xff08, escape: 0xff1b } as const;
/** Client message types of RFB 3.8 and their fixed lengths (type byte included). */
const MESSAGE = { setPixelFormat: 0, setEncodings: 2, updateRequest: 3, key: 4, pointer: 5, cutText: 6 } as const;

interface Viewer {
  socket: net.Socket;
  format: PixelFormat;
  /** What changed since this viewer's last update. */
  pending: Rect | null;
  /** It asked for an update that had nothing to send yet. */
  waiting: boolean;
}

const fullScreen: Rect = { x: 0, y: 0, width: DEMO_SCREEN.width, height: DEMO_SCREEN.height };
const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/**
 * One demo desktop: a framebuffer drawn from its scene, shared by every viewer connected to it (RFB "shared"),
 * served on its own loopback port over RFB 3.8 with security type None and raw encoding.
 */
class DemoDesktop {
  readonly scene: DemoScene;
  private frame = new Uint32Array(DEMO_SCREEN.width * DEMO_SCREEN.height);
  private readonly viewers = new Set<Viewer>();
  private readonly server = net.createServer((socket) => void this.serve(socket));
  private ticker: NodeJS.Timeout | null = null;

  constructor(
    label: DemoDesktopLabel,
    private readonly now: () => Date,
    private readonly tickMs: number,
  ) {
    this.scene = { desktopName: "", userLabel: "", now: now(), typed: "", pointer: { x: 640, y: 400 } };
    this.relabel(label);
  }

  listen(): Promise<number> {
    return new Promise((resolve, reject) => {
      this.server.once("error", reject);
      this.server.listen(0, HOST, () => resolve((this.server.address() as net.AddressInfo).port));
    });
  }

  relabel(label: DemoDesktopLabel): void {
    this.change(() => {
      this.scene.desktopName = clip(label.desktopName, 26);
      this.scene.userLabel = clip(label.userLabel, 32);
    });
  }

  /** Applies `edit` to the scene, redraws, and sends the changed rectangle to viewers that are waiting for one. */
  private change(edit: () => void): void {
    edit();
    const next = new Uint32Array(this.frame.length);
    renderScene({ ...DEMO_SCREEN, pixels: next }, this.scene);
    const changed = changedRect(this.frame, next, DEMO_SCREEN.width);
    this.frame = next;
    if (!changed) return;
    for (const viewer of this.viewers) {
      viewer.pending = unionRect(viewer.pending, changed);
      if (viewer.waiting) this.sendUpdate(viewer);
    }
  }

  private sendUpdate(viewer: Viewer): void {
    if (!viewer.pending) {
      viewer.waiting = true;
      return;
    }
    viewer.socket.write(rawUpdate(this.frame, DEMO_SCREEN.width, viewer.pending, viewer.format));
    viewer.pending = null;
    viewer.waiting = false;
  }

  private async serve(socket: net.Socket): Promise<void> {
    socket.setNoDelay(true);
    socket.on("error", () => socket.destroy());
    const reader = new SocketReader(socket);
    try {
      socket.write(VERSION);
      const version = (await reader.read(12)).toString("latin1");
      if (!/^RFB 003\.00[378]\n$/.test(version)) return void socket.destroy();
      if (version === "RFB 003.003\n") {
        socket.write(Buffer.from([0, 0, 0, 1])); // 3.3: the server picks None
      } else {
        socket.write(Buffer.from([1, 1])); // one security type: None
        if ((await reader.read(1))[0] !== 1) return void socket.destroy();
        if (version === "RFB 003.008\n") socket.write(Buffer.from([0, 0, 0, 0])); // SecurityResult OK
      }
      await reader.read(1); // ClientInit (shared flag): every viewer shares the one desktop anyway
      const name = Buffer.from(this.scene.desktopName, "utf8");
      const init = Buffer.alloc(4);
      init.writeUInt16BE(DEMO_SCREEN.width, 0);
      init.writeUInt16BE(DEMO_SCREEN.height, 2);
      const nameLength = Buffer.alloc(4);
      nameLength.writeUInt32BE(name.length, 0);
      socket.write(Buffer.concat([init, encodePixelFormat(SERVER_PIXEL_FORMAT), nameLength, name]));
      const viewer: Viewer = { socket, format: SERVER_PIXEL_FORMAT, pending: fullScreen, waiting: false };
      this.viewers.add(viewer);
      this.startClock();
      socket.on("close", () => {
        this.viewers.delete(viewer);
        if (this.viewers.size === 0) this.stopClock();
      });
      for (;;) await this.handleMessage(viewer, reader);
    } catch {
      socket.destroy();
    }
  }

  private async handleMessage(viewer: Viewer, reader: SocketReader): Promise<void> {
    const type = (await reader.read(1))[0];
    switch (type) {
      case MESSAGE.setPixelFormat: {
        const format = decodePixelFormat((await reader.read(19)).subarray(3));
        if (!format) throw new Error("colour-map pixel formats are not served");
        viewer.format = format;
        return;
      }
      case MESSAGE.setEncodings: {
        const count = (await reader.read(3)).readUInt16BE(1);
        await reader.read(count * 4); // raw is always understood; nothing else is sent
        return;
      }
      case MESSAGE.updateRequest: {
        const request = await reader.read(9);
        if (request[0] === 0) viewer.pending = unionRect(viewer.pending, fullScreen);
        this.sendUpdate(viewer);
        return;
      }
      case MESSAGE.key: {
        const event = await reader.read(7);
        if (event[0] === 1) this.key(event.readUInt32BE(3));
        return;
      }
      case MESSAGE.pointer: {
        const event = await reader.read(5);
        const x = Math.min(event.readUInt16BE(1), DEMO_SCREEN.width - 1);
        const y = Math.min(event.readUInt16BE(3), DEMO_SCREEN.height - 1);
        this.change(() => {
          this.scene.pointer = { x, y };
        });
        return;
      }
      case MESSAGE.cutText: {
        const length = (await reader.read(7)).readUInt32BE(3);
        this.type((await reader.read(length)).toString("latin1"));
        return;
      }
      default:
        throw new Error(`unknown RFB client message ${type}`);
    }
  }

  private key(keysym: number): void {
    if (keysym >= 0x20 && keysym <= 0x7e) this.type(String.fromCharCode(keysym));
    else if (keysym === KEY.backspace) this.setTyped(this.scene.typed.slice(0, -1));
    else if (keysym === KEY.escape) this.setTyped("");
  }

  private type(text: string): void {
    const printable = text.replace(/[^\x20-\x7e]/g, "");
    if (printable) this.setTyped((this.scene.typed + printable).slice(-TYPED_LIMIT));
  }

  private setTyped(typed: string): void {
    this.change(() => {
      this.scene.typed = typed;
    });
  }

  private startClock(): void {
    this.ticker ??= setInterval(() => {
      this.change(() => {
        this.scene.now = this.now();
      });
    }, this.tickMs);
  }

  private stopClock(): void {
    if (this.ticker) clearInterval(this.ticker);
    this.ticker = null;
  }

  async close(): Promise<void> {
    this.stopClock();
    for (const viewer of this.viewers) viewer.socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/**
 * Demo mode only (`npm start` with the embedded database or ATRIUM_DEMO=1): the desktops of the simulated cloud
 * have no machine behind them, so the in-process gateway is led here instead, and a newcomer sees a desktop in the
 * browser — its name, who is signed in, a clock, the pointer and what they type — on a bare machine. Never started
 * outside demo mode, and it listens on the loopback interface only.
 */
export function startDemoDesktopServer(options: DemoDesktopServerOptions = {}): DemoDesktopServer {
  const now = options.now ?? (() => new Date());
  const desktops = new Map<string, { desktop: DemoDesktop; port: Promise<number> }>();
  return {
    async addressFor(desktopId, label) {
      let entry = desktops.get(desktopId);
      if (entry) entry.desktop.relabel(label);
      else {
        const desktop = new DemoDesktop(label, now, options.tickMs ?? 1000);
        entry = { desktop, port: desktop.listen() };
        desktops.set(desktopId, entry);
      }
      return { host: HOST, port: await entry.port };
    },
    async close() {
      await Promise.all([...desktops.values()].map(({ desktop }) => desktop.close()));
      desktops.clear();
    },
  };
}
