/** WCAG relative luminance of a #rrggbb colour. */
function luminance(rgb: number[]): number {
  const [r, g, b] = rgb.map((channel) => {
    const c = channel / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

const hex = (rgb: number[]) => `#${rgb.map((channel) => Math.round(channel).toString(16).padStart(2, "0")).join("")}`;

/**
 * A tenant's brand colour as the portal's accent: white text on primary buttons (and the accent's darker shades on
 * white) must stay readable (WCAG AA, 4.5:1), so a light brand colour is darkened, hue kept, just enough to get there.
 */
export function readableAccent(brandColor: string): string {
  const base = [1, 3, 5].map((at) => Number.parseInt(brandColor.slice(at, at + 2), 16));
  for (let darker = 0; darker <= 100; darker += 5) {
    const rgb = base.map((channel) => (channel * (100 - darker)) / 100);
    if (1.05 / (luminance(rgb) + 0.05) >= 4.5) return hex(rgb);
  }
  return "#000000";
}
