import type { TenantLogo } from "@atrium/schema";
import { badInput } from "../../errors/app-error.js";

/** Small enough to inline in a page, a mail and a PDF title page; a real logo is a few KB. */
export const MAX_LOGO_BYTES = 200 * 1024;

const DATA_URL = /^data:image\/png;base64,([A-Za-z0-9+/]+={0,2})$/;

/** The file's own first bytes, not the type it claims: a renamed SVG or HTML file is refused. */
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

const refused = () => badInput(`The logo must be a PNG image of at most ${MAX_LOGO_BYTES / 1024} KB`, "logo");

/**
 * A logo as the API stores it, from the data: URL a form or client sends. Only PNG: it renders in every browser,
 * mail client and in the PDF reports (whose renderer takes PNG only), and it cannot carry script (SVG can).
 */
export function parseLogo(dataUrl: string): TenantLogo {
  const match = DATA_URL.exec(dataUrl.trim());
  if (!match) throw refused();
  const bytes = Buffer.from(match[1] ?? "", "base64");
  if (bytes.length === 0 || bytes.length > MAX_LOGO_BYTES) throw refused();
  if (!PNG_SIGNATURE.every((byte, index) => bytes[index] === byte)) throw refused();
  return { mediaType: "image/png", base64: bytes.toString("base64") };
}

export function logoDataUrl(logo: TenantLogo | null): string | null {
  return logo ? `data:${logo.mediaType};base64,${logo.base64}` : null;
}
