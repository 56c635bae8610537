import { z } from "zod";

export const imageSchema = z
  .object({
    id: z.string(),
    name: z.string().nullish(),
    status: z.string(),
    visibility: z.string().optional(),
    size: z.number().nullish(),
    min_disk: z.number().optional(),
    min_ram: z.number().optional(),
    disk_format: z.string().nullish(),
    os_distro: z.string().optional(),
    os_type: z.string().optional(),
    tags: z.array(z.string()).default([]),
    owner: z.string().nullish(),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .transform((raw) => ({
    id: raw.id,
    name: raw.name ?? "",
    status: raw.status,
    visibility: raw.visibility,
    sizeBytes: raw.size ?? null,
    minDiskGb: raw.min_disk ?? 0,
    minRamMb: raw.min_ram ?? 0,
    diskFormat: raw.disk_format ?? null,
    osDistro: raw.os_distro,
    osType: raw.os_type,
    tags: raw.tags,
    owner: raw.owner ?? null,
    createdAt: raw.created_at,
    updatedAt: raw.updated_at,
  }));

/** Glance's `next` is relative to the host root (`/v2/images?limit=1&marker=…`) and absent on the last page. */
export const imagePageSchema = z.object({ images: z.array(imageSchema), next: z.string().optional() });

export type VhiImage = z.output<typeof imageSchema>;

export const imageMemberSchema = z.object({ member_id: z.string(), status: z.string() });
