/**
 * The demo desktop's own bitmap font: 5×7 capitals, digits and common punctuation, drawn here by hand so the demo
 * needs no font file. Lower case is drawn as capitals; anything else as a hollow box, so typed text always shows.
 */
const GLYPH_ROWS: Record<string, string> = {
  A: ".###. #...# #...# ##### #...# #...# #...#",
  B: "####. #...# #...# ####. #...# #...# ####.",
  C: ".#### #.... #.... #.... #.... #.... .####",
  D: "####. #...# #...# #...# #...# #...# ####.",
  E: "##### #.... #.... ####. #.... #.... #####",
  F: "##### #.... #.... ####. #.... #.... #....",
  G: ".#### #.... #.... #.### #...# #...# .####",
  H: "#...# #...# #...# ##### #...# #...# #...#",
  I: "##### ..#.. ..#.. ..#.. ..#.. ..#.. #####",
  J: "..### ...#. ...#. ...#. ...#. #..#. .##..",
  K: "#...# #..#. #.#.. ##... #.#.. #..#. #...#",
  L: "#.... #.... #.... #.... #.... #.... #####",
  M: "#...# ##.## #.#.# #.#.# #...# #...# #...#",
  N: "#...# ##..# #.#.# #..## #...# #...# #...#",
  O: ".###. #...# #...# #...# #...# #...# .###.",
  P: "####. #...# #...# ####. #.... #.... #....",
  Q: ".###. #...# #...# #...# #.#.# #..#. .##.#",
  R: "####. #...# #...# ####. #.#.. #..#. #...#",
  S: ".#### #.... #.... .###. ....# ....# ####.",
  T: "##### ..#.. ..#.. ..#.. ..#.. ..#.. ..#..",
  U: "#...# #...# #...# #...# #...# #...# .###.",
  V: "#...# #...# #...# #...# #...# .#.#. ..#..",
  W: "#...# #...# #...# #.#.# #.#.# ##.## #...#",
  X: "#...# #...# .#.#. ..#.. .#.#. #...# #...#",
  Y: "#...# #...# .#.#. ..#.. ..#.. ..#.. ..#..",
  Z: "##### ....# ...#. ..#.. .#... #.... #####",
  "0": ".###. #...# #..## #.#.# ##..# #...# .###.",
  "1": "..#.. .##.. ..#.. ..#.. ..#.. ..#.. .###.",
  "2": ".###. #...# ....# ...#. ..#.. .#... #####",
  "3": "####. ....# ....# .###. ....# ....# ####.",
  "4": "...#. ..##. .#.#. #..#. ##### ...#. ...#.",
  "5": "##### #.... ####. ....# ....# #...# .###.",
  "6": ".###. #.... #.... ####. #...# #...# .###.",
  "7": "##### ....# ...#. ..#.. .#... .#... .#...",
  "8": ".###. #...# #...# .###. #...# #...# .###.",
  "9": ".###. #...# #...# .#### ....# ....# .###.",
  " ": "..... ..... ..... ..... ..... ..... .....",
  ".": "..... ..... ..... ..... ..... .##.. .##..",
  ",": "..... ..... ..... ..... .##.. ..#.. .#...",
  ":": "..... .##.. .##.. ..... .##.. .##.. .....",
  ";": "..... .##.. .##.. ..... .##.. ..#.. .#...",
  "-": "..... ..... ..... ##### ..... ..... .....",
  _: "..... ..... ..... ..... ..... ..... #####",
  "+": "..... ..#.. ..#.. ##### ..#.. ..#.. .....",
  "=": "..... ..... ##### ..... ##### ..... .....",
  "/": "....# ....# ...#. ..#.. .#... #.... #....",
  "\\": "#.... #.... .#... ..#.. ...#. ....# ....#",
  "(": "...#. ..#.. .#... .#... .#... ..#.. ...#.",
  ")": ".#... ..#.. ...#. ...#. ...#. ..#.. .#...",
  "[": ".###. .#... .#... .#... .#... .#... .###.",
  "]": ".###. ...#. ...#. ...#. ...#. ...#. .###.",
  "<": "...#. ..#.. .#... #.... .#... ..#.. ...#.",
  ">": ".#... ..#.. ...#. ....# ...#. ..#.. .#...",
  "!": "..#.. ..#.. ..#.. ..#.. ..#.. ..... ..#..",
  "?": ".###. #...# ....# ...#. ..#.. ..... ..#..",
  "'": "..#.. ..#.. .#... ..... ..... ..... .....",
  '"': ".#.#. .#.#. ..... ..... ..... ..... .....",
  "#": ".#.#. ##### .#.#. .#.#. .#.#. ##### .#.#.",
  "@": ".###. #...# #.### #.#.# #.### #.... .####",
  "*": "..... #.#.# .###. ##### .###. #.#.# .....",
  "&": ".##.. #..#. .##.. .#... #.#.# #..#. .##.#",
  "%": "##..# ##.#. ...#. ..#.. .#... #.##. #..##",
  "·": "..... ..... ..... .##.. .##.. ..... .....",
  "…": "..... ..... ..... ..... ..... ..... #.#.#",
  "—": "..... ..... ..... ##### ..... ..... .....",
  "\u0000": "##### #...# #...# #...# #...# #...# #####",
};

export const GLYPH_WIDTH = 5;
export const GLYPH_HEIGHT = 7;

/** Each glyph as seven rows of five bits, most significant bit leftmost. */
const GLYPHS = new Map<string, number[]>(
  Object.entries(GLYPH_ROWS).map(([char, rows]) => [
    char,
    rows.split(" ").map((row) => [...row].reduce((bits, cell) => (bits << 1) | (cell === "#" ? 1 : 0), 0)),
  ]),
);

function glyphFor(char: string): number[] {
  return GLYPHS.get(char) ?? GLYPHS.get(char.toUpperCase()) ?? (GLYPHS.get("\u0000") as number[]);
}

/** Something to draw on: a 0xRRGGBB pixel array of the given width. */
export interface Canvas {
  width: number;
  height: number;
  pixels: Uint32Array;
}

export function fillRect(canvas: Canvas, x: number, y: number, w: number, h: number, color: number): void {
  const x0 = Math.max(0, x);
  const y0 = Math.max(0, y);
  const x1 = Math.min(canvas.width, x + w);
  const y1 = Math.min(canvas.height, y + h);
  for (let row = y0; row < y1; row++) canvas.pixels.fill(color, row * canvas.width + x0, row * canvas.width + x1);
}

/** Width in pixels of `text` drawn at `scale` (one blank column between glyphs). */
export function textWidth(text: string, scale: number): number {
  return [...text].length * (GLYPH_WIDTH + 1) * scale;
}

/** Draws `text` with its top-left corner at (x, y), each font pixel a `scale`×`scale` square. */
export function drawText(canvas: Canvas, text: string, x: number, y: number, scale: number, color: number): void {
  let left = x;
  for (const char of text) {
    const rows = glyphFor(char);
    rows.forEach((bits, row) => {
      for (let column = 0; column < GLYPH_WIDTH; column++) {
        if (bits & (1 << (GLYPH_WIDTH - 1 - column))) {
          fillRect(canvas, left + column * scale, y + row * scale, scale, scale, color);
        }
      }
    });
    left += (GLYPH_WIDTH + 1) * scale;
  }
}
