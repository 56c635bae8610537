import { z } from "zod";

/** On VHI each storage policy appears as a Cinder volume type. */
export const volumeTypeSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    description: z.string().nullish(),
    is_public: z.boolean().optional(),
    extra_specs: z.record(z.string(), z.string()).nullish(),
  })
  .transform((raw) => ({
    id: raw.id,
    name: raw.name,
    description: raw.description ?? "",
    isPublic: raw.is_public ?? true,
    extraSpecs: raw.extra_specs ?? {},
  }));

export const volumeTypeListSchema = z.object({ volume_types: z.array(volumeTypeSchema) });

export type VhiVolumeType = z.output<typeof volumeTypeSchema>;
