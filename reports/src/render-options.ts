import { z } from "zod";
import { isValidTimeZone } from "./format/date-format.js";
import type { FormatContext } from "./report.types.js";

// Options arrive from schedules and API input, so they are validated here once rather than trusted.

function isValidLocale(locale: string): boolean {
  try {
    return Intl.NumberFormat.supportedLocalesOf([locale]).length > 0;
  } catch {
    return false;
  }
}

const formatOptionsShape = {
  timeZone: z.string().refine(isValidTimeZone, { message: "unknown IANA time zone" }).default("UTC"),
  locale: z.string().refine(isValidLocale, { message: "unsupported locale" }).default("en-US"),
  /** Injected clock; defaults to now. */
  generatedAt: z.date().optional(),
};

export const csvRenderOptionsSchema = z.object({
  ...formatOptionsShape,
  /** Prefix a UTF-8 byte order mark so Excel on Windows opens accented text correctly. */
  bom: z.boolean().default(false),
  header: z.boolean().default(true),
  /** `labels` for people, `keys` for machines (stable snake-free identifiers). */
  headerStyle: z.enum(["labels", "keys"]).default("labels"),
});

export type CsvRenderOptions = z.input<typeof csvRenderOptionsSchema>;
export type ResolvedCsvRenderOptions = z.output<typeof csvRenderOptionsSchema>;

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function isPng(bytes: Uint8Array): boolean {
  return PNG_SIGNATURE.every((byte, index) => bytes[index] === byte);
}

export const tenantBrandingSchema = z.object({
  name: z.string().trim().min(1).max(200),
  /** PNG bytes; anything else is refused rather than passed to the PDF image decoder. */
  logoPng: z
    .custom<Uint8Array>((value) => value instanceof Uint8Array, { message: "logo must be PNG bytes" })
    .refine(isPng, { message: "logo must be a PNG image" })
    .optional(),
  accentColor: z
    .string()
    .regex(/^#[0-9a-fA-F]{6}$/, { message: "accent colour must be #RRGGBB" })
    .default("#1d4ed8"),
});

export const pdfRenderOptionsSchema = z.object({
  ...formatOptionsShape,
  tenant: tenantBrandingSchema,
  period: z
    .object({ from: z.date(), to: z.date() })
    .refine((period) => period.from.getTime() <= period.to.getTime(), { message: "period ends before it starts" }),
  author: z.string().trim().min(1).max(200).default("Atrium"),
  pageSize: z.enum(["A4", "LETTER"]).default("A4"),
});

export type PdfRenderOptions = z.input<typeof pdfRenderOptionsSchema>;
export type ResolvedPdfRenderOptions = z.output<typeof pdfRenderOptionsSchema>;
export type TenantBranding = z.input<typeof tenantBrandingSchema>;

export function formatContextOf(options: {
  timeZone: string;
  locale: string;
  generatedAt?: Date | undefined;
}): FormatContext {
  return { timeZone: options.timeZone, locale: options.locale, generatedAt: options.generatedAt ?? new Date() };
}
