import { imageMemberSchema, imagePageSchema, imageSchema, type VhiImage } from "./glance.schemas.js";
import type { HttpTransport } from "./http.js";
import type { KeystoneSession } from "./keystone.js";
import { collect, paginate, withQuery } from "./paging.js";
import { VhiNotFoundError } from "./vhi.errors.js";

export interface ImageListFilters {
  name?: string;
  status?: string;
  visibility?: "public" | "private" | "shared" | "community" | "all";
  tag?: string;
  pageSize?: number;
}

export interface ImagesApi {
  list(filters?: ImageListFilters, signal?: AbortSignal): Promise<VhiImage[]>;
  get(id: string, signal?: AbortSignal): Promise<VhiImage>;
  /** The project's membership status of a shared image, or null when it is not a member. */
  memberStatus(imageId: string, projectId: string, signal?: AbortSignal): Promise<string | null>;
}

export function createImagesApi(http: HttpTransport, session: KeystoneSession): ImagesApi {
  // Catalogs list Glance with or without the /v2 suffix.
  const base = async (signal?: AbortSignal) =>
    `${(await session.endpoint("image", signal)).replace(/\/v2(\.\d+)?$/, "")}/v2`;

  return {
    async list(filters = {}, signal) {
      const root = await base(signal);
      return collect(
        paginate(async (marker) => {
          const { data } = await http.request({
            service: "image",
            method: "GET",
            url: withQuery(`${root}/images`, {
              name: filters.name,
              status: filters.status,
              visibility: filters.visibility,
              tag: filters.tag,
              limit: filters.pageSize ?? 100,
              marker,
            }),
            schema: imagePageSchema,
            signal,
          });
          return { items: data.images, nextHref: data.next };
        }),
      );
    },
    async get(id, signal) {
      const url = `${await base(signal)}/images/${encodeURIComponent(id)}`;
      return (await http.request({ service: "image", method: "GET", url, schema: imageSchema, signal })).data;
    },
    async memberStatus(imageId, projectId, signal) {
      const url = `${await base(signal)}/images/${encodeURIComponent(imageId)}/members/${encodeURIComponent(projectId)}`;
      try {
        const { data } = await http.request({
          service: "image",
          method: "GET",
          url,
          schema: imageMemberSchema,
          signal,
        });
        return data.status;
      } catch (error) {
        if (error instanceof VhiNotFoundError) return null;
        throw error;
      }
    },
  };
}
