import type net from "node:net";
import type { Rect } from "./demo-desktop-scene.js";

/** How the client wants pixels (RFB PIXEL_FORMAT); only true-colour formats are served. */
export interface PixelFormat {
  bitsPerPixel: 8 | 16 | 32;
  bigEndian: boolean;
  max: [number, number, number];
  shift: [number, number, number];
}

/** What the server proposes in ServerInit: 32-bit little-endian 0x00RRGGBB. */
export const SERVER_PIXEL_FORMAT: PixelFormat = {
  bitsPerPixel: 32,
  bigEndian: false,
  max: [255, 255, 255],
  shift: [16, 8, 0],
};

export function encodePixelFormat(format: PixelFormat): Buffer {
  const buffer = Buffer.alloc(16);
  buffer.writeUInt8(format.bitsPerPixel, 0);
  buffer.writeUInt8(format.bitsPerPixel === 32 ? 24 : format.bitsPerPixel, 1);
  buffer.writeUInt8(format.bigEndian ? 1 : 0, 2);
  buffer.writeUInt8(1, 3);
  for (const [index, max] of format.max.entries()) buffer.writeUInt16BE(max, 4 + index * 2);
  for (const [index, shift] of format.shift.entries()) buffer.writeUInt8(shift, 10 + index);
  return buffer;
}

/** Parses a client's PIXEL_FORMAT; null for colour-map or odd sizes, which this demo server does not draw. */
export function decodePixelFormat(buffer: Buffer): PixelFormat | null {
  const bitsPerPixel = buffer.readUInt8(0);
  const trueColour = buffer.readUInt8(3) !== 0;
  if (!trueColour || (bitsPerPixel !== 8 && bitsPerPixel !== 16 && bitsPerPixel !== 32)) return null;
  return {
    bitsPerPixel,
    bigEndian: buffer.readUInt8(2) !== 0,
    max: [buffer.readUInt16BE(4), buffer.readUInt16BE(6), buffer.readUInt16BE(8)],
    shift: [buffer.readUInt8(10), buffer.readUInt8(11), buffer.readUInt8(12)],
  };
}

/** A FramebufferUpdate with one raw-encoded rectangle of `pixels` (0xRRGGBB, `width` wide) in the client's format. */
export function rawUpdate(pixels: Uint32Array, width: number, rect: Rect, format: PixelFormat): Buffer {
  const bytes = format.bitsPerPixel / 8;
  const buffer = Buffer.alloc(16 + rect.width * rect.height * bytes);
  buffer.writeUInt8(0, 0); // FramebufferUpdate
  buffer.writeUInt16BE(1, 2);
  buffer.writeUInt16BE(rect.x, 4);
  buffer.writeUInt16BE(rect.y, 6);
  buffer.writeUInt16BE(rect.width, 8);
  buffer.writeUInt16BE(rect.height, 10);
  buffer.writeInt32BE(0, 12); // raw encoding
  const [rMax, gMax, bMax] = format.max;
  const [rShift, gShift, bShift] = format.shift;
  let offset = 16;
  for (let y = rect.y; y < rect.y + rect.height; y++) {
    for (let x = rect.x; x < rect.x + rect.width; x++) {
      const rgb = pixels[y * width + x] as number;
      const value =
        ((Math.round((((rgb >> 16) & 0xff) * rMax) / 255) << rShift) |
          (Math.round((((rgb >> 8) & 0xff) * gMax) / 255) << gShift) |
          (Math.round(((rgb & 0xff) * bMax) / 255) << bShift)) >>>
        0;
      if (bytes === 4) {
        if (format.bigEndian) buffer.writeUInt32BE(value, offset);
        else buffer.writeUInt32LE(value, offset);
      } else if (bytes === 2) {
        if (format.bigEndian) buffer.writeUInt16BE(value & 0xffff, offset);
        else buffer.writeUInt16LE(value & 0xffff, offset);
      } else buffer.writeUInt8(value & 0xff, offset);
      offset += bytes;
    }
  }
  return buffer;
}

/** Reads exact byte counts from a socket, whatever chunks they arrive in; rejects once the socket is gone. */
export class SocketReader {
  private buffered = Buffer.alloc(0);
  private waiting: { size: number; resolve: (data: Buffer) => void; reject: (error: Error) => void } | null = null;
  private closed = false;

  constructor(socket: net.Socket) {
    socket.on("data", (chunk: Buffer) => {
      this.buffered = Buffer.concat([this.buffered, chunk]);
      this.settle();
    });
    const end = () => {
      this.closed = true;
      this.waiting?.reject(new Error("the client went away"));
      this.waiting = null;
    };
    socket.on("close", end);
    socket.on("error", end);
  }

  read(size: number): Promise<Buffer> {
    if (this.closed) return Promise.reject(new Error("the client went away"));
    return new Promise((resolve, reject) => {
      this.waiting = { size, resolve, reject };
      this.settle();
    });
  }

  private settle(): void {
    if (!this.waiting || this.buffered.length < this.waiting.size) return;
    const { size, resolve } = this.waiting;
    this.waiting = null;
    const data = this.buffered.subarray(0, size);
    this.buffered = this.buffered.subarray(size);
    resolve(data);
  }
}
