import net from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { DEMO_COLORS, DEMO_SCREEN } from "./demo-desktop-scene.js";
import { type DemoDesktopServer, startDemoDesktopServer } from "./demo-desktop-server.js";
import { SocketReader } from "./demo-rfb-session.js";

/** A minimal RFB 3.8 client: handshake, then framebuffer updates kept in a 0xRRGGBB array. */
async function connectViewer(port: number) {
  const socket = net.connect(port, "127.0.0.1");
  const reader = new SocketReader(socket);
  const version = (await reader.read(12)).toString("latin1");
  socket.write("RFB 003.008\n");
  const types = await reader.read(2);
  socket.write(Buffer.from([1]));
  const result = (await reader.read(4)).readUInt32BE(0);
  socket.write(Buffer.from([1]));
  const init = await reader.read(24);
  const name = (await reader.read(init.readUInt32BE(20))).toString("utf8");
  const width = init.readUInt16BE(0);
  const height = init.readUInt16BE(2);
  const frame = new Uint32Array(width * height);
  const send = (bytes: number[]) => socket.write(Buffer.from(bytes));
  const u16 = (value: number) => [value >> 8, value & 0xff];
  return {
    version,
    securityTypes: [...types.subarray(1)],
    result,
    name,
    width,
    height,
    pixel: (x: number, y: number) => frame[y * width + x] as number,
    /** Asks for an update and applies the one raw rectangle it brings. */
    async update(incremental: boolean) {
      send([3, incremental ? 1 : 0, ...u16(0), ...u16(0), ...u16(width), ...u16(height)]);
      const header = await reader.read(4);
      expect(header[0]).toBe(0);
      const rect = await reader.read(12);
      const [x, y, w, h] = [0, 2, 4, 6].map((at) => rect.readUInt16BE(at)) as [number, number, number, number];
      expect(rect.readInt32BE(8)).toBe(0);
      const data = await reader.read(w * h * 4);
      for (let row = 0; row < h; row++) {
        for (let column = 0; column < w; column++) {
          frame[(y + row) * width + x + column] = data.readUInt32LE((row * w + column) * 4) & 0xffffff;
        }
      }
      return { x, y, w, h };
    },
    key: (keysym: number) => {
      send([4, 1, 0, 0, ...u16(keysym >>> 16), ...u16(keysym & 0xffff)]);
      send([4, 0, 0, 0, ...u16(keysym >>> 16), ...u16(keysym & 0xffff)]);
    },
    pointer: (x: number, y: number) => send([5, 0, ...u16(x), ...u16(y)]),
    close: () => socket.destroy(),
  };
}

describe("demo desktop server (RFB, demo mode only)", () => {
  let server: DemoDesktopServer;
  afterEach(() => server?.close());

  it("shows a framebuffer with the desktop's name over RFB 3.8 without a password", async () => {
    server = startDemoDesktopServer({ now: () => new Date("2026-05-04T09:30:00Z") });
    const { host, port } = await server.addressFor("d1", { desktopName: "acme-001", userLabel: "Demo User 1 (user1)" });
    expect(host).toBe("127.0.0.1");
    const viewer = await connectViewer(port);
    expect([viewer.version, viewer.securityTypes, viewer.result]).toEqual(["RFB 003.008\n", [1], 0]);
    expect([viewer.name, viewer.width, viewer.height]).toEqual(["acme-001", DEMO_SCREEN.width, DEMO_SCREEN.height]);
    const first = await viewer.update(false);
    expect(first).toEqual({ x: 0, y: 0, w: DEMO_SCREEN.width, h: DEMO_SCREEN.height });
    expect(viewer.pixel(5, 100)).toBe(DEMO_COLORS.background);
    expect(viewer.pixel(5, 5)).toBe(DEMO_COLORS.bar);
    viewer.close();
  });

  it("draws typed text and the pointer, sending only what changed", async () => {
    server = startDemoDesktopServer();
    const { port } = await server.addressFor("d1", { desktopName: "acme-001", userLabel: "user1" });
    const viewer = await connectViewer(port);
    await viewer.update(false);
    const inkBefore = countInk(viewer);
    viewer.key("H".charCodeAt(0));
    const typed = await viewer.update(true);
    expect(typed.w).toBeLessThan(DEMO_SCREEN.width);
    expect(countInk(viewer)).toBeGreaterThan(inkBefore);
    viewer.pointer(40, 300);
    await viewer.update(true);
    expect(viewer.pixel(40, 300)).toBe(DEMO_COLORS.pointerEdge);
    expect(viewer.pixel(42, 305)).toBe(DEMO_COLORS.pointer);
    viewer.close();
  });

  it("gives each desktop its own address and keeps one address per desktop", async () => {
    server = startDemoDesktopServer();
    const a = await server.addressFor("d1", { desktopName: "acme-001", userLabel: "user1" });
    const b = await server.addressFor("d2", { desktopName: "acme-002", userLabel: "user2" });
    const again = await server.addressFor("d1", { desktopName: "acme-001", userLabel: "user3" });
    expect(a.port).not.toBe(b.port);
    expect(again.port).toBe(a.port);
    const viewer = await connectViewer(b.port);
    expect(viewer.name).toBe("acme-002");
    viewer.close();
  });
});

/** Pixels of the card's ink colour: typed letters add some. */
function countInk(viewer: { pixel(x: number, y: number): number; width: number; height: number }): number {
  let count = 0;
  for (let y = 0; y < viewer.height; y++) {
    for (let x = 0; x < viewer.width; x++) if (viewer.pixel(x, y) === DEMO_COLORS.ink) count++;
  }
  return count;
}
