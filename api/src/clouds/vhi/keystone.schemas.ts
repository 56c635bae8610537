import { z } from "zod";

const endpointSchema = z.object({
  id: z.string().optional(),
  interface: z.string(),
  region_id: z.string().nullish(),
  region: z.string().nullish(),
  url: z.string(),
});

export const catalogEntrySchema = z.object({
  type: z.string(),
  name: z.string().optional(),
  endpoints: z.array(endpointSchema),
});

/** Body of `POST /v3/auth/tokens` (201); the token itself is in the X-Subject-Token header. */
export const tokenResponseSchema = z.object({
  token: z.object({
    expires_at: z.string(),
    issued_at: z.string().optional(),
    user: z.object({ id: z.string(), name: z.string().optional() }),
    project: z
      .object({
        id: z.string(),
        name: z.string().optional(),
        domain: z.object({ id: z.string(), name: z.string().optional() }).optional(),
      })
      .optional(),
    roles: z.array(z.object({ id: z.string(), name: z.string() })).default([]),
    catalog: z.array(catalogEntrySchema).default([]),
  }),
});

export type CatalogEntry = z.output<typeof catalogEntrySchema>;
export type TokenResponse = z.output<typeof tokenResponseSchema>;
