import { type Canvas, drawText, fillRect, GLYPH_HEIGHT, textWidth } from "./demo-desktop-font.js";

export const DEMO_SCREEN = { width: 1280, height: 800 } as const;

/** Colours of the demo desktop (0xRRGGBB); the e2e checks the background to know the framebuffer arrived. */
export const DEMO_COLORS = {
  background: 0x1e3a5f,
  bar: 0x0f172a,
  card: 0xf1f5f9,
  ink: 0x0f172a,
  muted: 0x475569,
  accent: 0x2563eb,
  light: 0xe2e8f0,
  pointer: 0xffffff,
  pointerEdge: 0x000000,
} as const;

/** What the demo desktop shows; the server changes it on keys, pointer moves and clock ticks. */
export interface DemoScene {
  desktopName: string;
  userLabel: string;
  now: Date;
  typed: string;
  pointer: { x: number; y: number };
}

/** Characters of typed text kept on screen (the line's width at its scale). */
export const TYPED_LIMIT = 40;

const CARD = { x: 200, y: 170, width: 880, height: 420 } as const;

/** An arrow pointer, 12×19, '#' filled and 'o' outlined. */
const POINTER_ROWS = [
  "o",
  "oo",
  "o#o",
  "o##o",
  "o###o",
  "o####o",
  "o#####o",
  "o######o",
  "o#######o",
  "o########o",
  "o#########o",
  "o######oooo",
  "o###o##o",
  "o##o o##o",
  "o#o  o##o",
  "oo    o##o",
  "o     o##o",
  "       o##o",
  "        oo",
];

function clock(now: Date): string {
  return `${now.toISOString().slice(0, 10)} ${now.toISOString().slice(11, 19)} UTC`;
}

function drawPointer(canvas: Canvas, x: number, y: number): void {
  POINTER_ROWS.forEach((row, dy) => {
    [...row].forEach((cell, dx) => {
      if (cell === "#") fillRect(canvas, x + dx, y + dy, 1, 1, DEMO_COLORS.pointer);
      else if (cell === "o") fillRect(canvas, x + dx, y + dy, 1, 1, DEMO_COLORS.pointerEdge);
    });
  });
}

/** Draws the whole demo desktop for `scene` into `canvas` (the server diffs frames to send only what changed). */
export function renderScene(canvas: Canvas, scene: DemoScene): void {
  canvas.pixels.fill(DEMO_COLORS.background);
  fillRect(canvas, 0, 0, canvas.width, 44, DEMO_COLORS.bar);
  drawText(canvas, "ATRIUM DEMO DESKTOP", 16, 15, 2, DEMO_COLORS.light);
  const time = clock(scene.now);
  drawText(canvas, time, canvas.width - 16 - textWidth(time, 2), 15, 2, DEMO_COLORS.light);

  fillRect(canvas, CARD.x, CARD.y, CARD.width, CARD.height, DEMO_COLORS.card);
  fillRect(canvas, CARD.x, CARD.y, CARD.width, 8, DEMO_COLORS.accent);
  const left = CARD.x + 40;
  drawText(canvas, scene.desktopName, left, CARD.y + 44, 5, DEMO_COLORS.ink);
  drawText(canvas, `SIGNED IN: ${scene.userLabel}`, left, CARD.y + 44 + 5 * GLYPH_HEIGHT + 28, 3, DEMO_COLORS.ink);
  drawText(canvas, "TYPE SOMETHING:", left, CARD.y + 210, 2, DEMO_COLORS.muted);
  fillRect(canvas, left, CARD.y + 236, CARD.width - 80, 3 * GLYPH_HEIGHT + 24, 0xffffff);
  drawText(canvas, `${scene.typed}_`, left + 12, CARD.y + 248, 3, DEMO_COLORS.ink);
  const pointer = `POINTER ${scene.pointer.x},${scene.pointer.y}`;
  drawText(canvas, pointer, left, CARD.y + 320, 2, DEMO_COLORS.muted);
  drawText(
    canvas,
    "A DEMO DESKTOP DRAWN BY ATRIUM ITSELF - NO CLOUD MACHINE BEHIND IT",
    left,
    CARD.y + CARD.height - 40,
    2,
    DEMO_COLORS.muted,
  );
  drawPointer(canvas, scene.pointer.x, scene.pointer.y);
}

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The smallest rectangle holding every pixel that differs between two frames of the same size; null if none. */
export function changedRect(before: Uint32Array, after: Uint32Array, width: number): Rect | null {
  let top = -1;
  let bottom = -1;
  let left = width;
  let right = -1;
  const rows = after.length / width;
  for (let y = 0; y < rows; y++) {
    const start = y * width;
    let first = -1;
    let last = -1;
    for (let x = 0; x < width; x++) {
      if (before[start + x] !== after[start + x]) {
        if (first < 0) first = x;
        last = x;
      }
    }
    if (first < 0) continue;
    if (top < 0) top = y;
    bottom = y;
    left = Math.min(left, first);
    right = Math.max(right, last);
  }
  return top < 0 ? null : { x: left, y: top, width: right - left + 1, height: bottom - top + 1 };
}

export function unionRect(a: Rect | null, b: Rect | null): Rect | null {
  if (!a) return b;
  if (!b) return a;
  const x = Math.min(a.x, b.x);
  const y = Math.min(a.y, b.y);
  return {
    x,
    y,
    width: Math.max(a.x + a.width, b.x + b.width) - x,
    height: Math.max(a.y + a.height, b.y + b.height) - y,
  };
}
