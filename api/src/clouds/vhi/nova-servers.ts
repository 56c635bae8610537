import type { ComputeService } from "./nova.js";
import {
  metadataItemSchema,
  metadataSchema,
  serverCreatedSchema,
  serverPageSchema,
  serverShowSchema,
  type VhiServer,
} from "./nova.schemas.js";
import { collect, nextLink, paginate } from "./paging.js";
import { VhiBadRequestError, VhiNotFoundError, VhiTransientError } from "./vhi.errors.js";
import type { RebootType, ServerCreateInput, ServerListFilters, VhiClientDeps } from "./vhi.types.js";

/** Nova rejects user_data above 65535 bytes once base64-encoded. */
const MAX_USER_DATA_BYTES = 65_535;
const DEFAULT_PAGE_SIZE = 200;

export interface ServerCreated {
  id: string;
  requestId?: string;
}

export interface WaitOptions {
  /** Statuses that end the wait; ERROR always ends it (the returned server carries `fault`). */
  until: readonly string[];
  intervalMs?: number;
  timeoutMs?: number;
  signal?: AbortSignal;
}

export interface ServerMetadataApi {
  get(id: string, signal?: AbortSignal): Promise<Record<string, string>>;
  /** Adds/overwrites the given keys, keeps the others; returns the full metadata. */
  merge(id: string, metadata: Record<string, string>, signal?: AbortSignal): Promise<Record<string, string>>;
  set(id: string, key: string, value: string, signal?: AbortSignal): Promise<void>;
  delete(id: string, key: string, signal?: AbortSignal): Promise<void>;
}

export interface ServersApi {
  /**
   * Not retried once the request may have reached Nova (timeout, reset, 5xx): a blind retry could boot a second VM.
   * Put a unique request marker in `metadata`/`tags`; after a {@link VhiTransientError} list by that marker before
   * creating again. 429/Retry-After and refused connections are retried because Nova never saw the request.
   */
  create(input: ServerCreateInput, signal?: AbortSignal): Promise<ServerCreated>;
  get(id: string, signal?: AbortSignal): Promise<VhiServer>;
  /** Like get, but null for a server that does not exist (or belongs to another project). */
  find(id: string, signal?: AbortSignal): Promise<VhiServer | null>;
  /** Idempotent: a 404 means someone (maybe our earlier attempt) already deleted it. */
  delete(id: string, signal?: AbortSignal): Promise<"deleted" | "already-gone">;
  /** All pages of `GET /servers/detail`: one call per page instead of one per server. */
  list(filters?: ServerListFilters, signal?: AbortSignal): Promise<VhiServer[]>;
  pages(filters?: ServerListFilters, signal?: AbortSignal): AsyncGenerator<VhiServer[]>;
  start(id: string, signal?: AbortSignal): Promise<void>;
  stop(id: string, signal?: AbortSignal): Promise<void>;
  reboot(id: string, type: RebootType, signal?: AbortSignal): Promise<void>;
  suspend(id: string, signal?: AbortSignal): Promise<void>;
  resume(id: string, signal?: AbortSignal): Promise<void>;
  shelve(id: string, signal?: AbortSignal): Promise<void>;
  unshelve(id: string, signal?: AbortSignal): Promise<void>;
  /** Resets the server's disk from `imageRef` (non-persistent desktops between users). */
  rebuild(id: string, imageRef: string, signal?: AbortSignal): Promise<void>;
  waitForStatus(id: string, options: WaitOptions): Promise<VhiServer>;
  metadata: ServerMetadataApi;
}

export function createServersApi(compute: ComputeService, deps: Pick<VhiClientDeps, "clock" | "sleep">): ServersApi {
  const serverPath = (id: string) => `/servers/${encodeURIComponent(id)}`;

  // Actions create nothing, so resending after a timeout is safe: the worst case is a 409 the caller handles anyway.
  const action = async (id: string, body: Record<string, unknown>, signal?: AbortSignal) => {
    await compute.call({ method: "POST", path: `${serverPath(id)}/action`, body, idempotent: true, signal });
  };

  const get = async (id: string, signal?: AbortSignal) =>
    (await compute.call({ method: "GET", path: serverPath(id), schema: serverShowSchema, signal })).data.server;

  async function* pages(filters: ServerListFilters = {}, signal?: AbortSignal): AsyncGenerator<VhiServer[]> {
    const query = listQuery(filters);
    for await (const page of paginate(async (marker) => {
      const { data } = await compute.call({
        method: "GET",
        path: "/servers/detail",
        query: { ...query, marker },
        schema: serverPageSchema,
        signal,
      });
      return { items: data.servers, nextHref: nextLink(data.servers_links) };
    })) {
      const matching = filters.metadata ? page.filter((server) => matchesMetadata(server, filters.metadata!)) : page;
      if (matching.length > 0) yield matching;
    }
  }

  return {
    async create(input, signal) {
      if (input.tags?.length) await compute.requireMicroversion("2.52", "tags at server create", signal);
      if (input.bootVolume?.volumeType) {
        await compute.requireMicroversion("2.67", "volume_type in block_device_mapping_v2", signal);
      }
      const response = await compute.call({
        method: "POST",
        path: "/servers",
        body: { server: createBody(input) },
        schema: serverCreatedSchema,
        idempotent: false,
        signal,
      });
      return { id: response.data.server.id, requestId: response.requestId };
    },
    get,
    async find(id, signal) {
      try {
        return await get(id, signal);
      } catch (error) {
        if (error instanceof VhiNotFoundError) return null;
        throw error;
      }
    },
    async delete(id, signal) {
      try {
        await compute.call({ method: "DELETE", path: serverPath(id), signal });
        return "deleted";
      } catch (error) {
        if (error instanceof VhiNotFoundError) return "already-gone";
        throw error;
      }
    },
    list: (filters, signal) => collect(pages(filters, signal)),
    pages,
    start: (id, signal) => action(id, { "os-start": null }, signal),
    stop: (id, signal) => action(id, { "os-stop": null }, signal),
    reboot: (id, type, signal) => action(id, { reboot: { type } }, signal),
    suspend: (id, signal) => action(id, { suspend: null }, signal),
    resume: (id, signal) => action(id, { resume: null }, signal),
    shelve: (id, signal) => action(id, { shelve: null }, signal),
    unshelve: (id, signal) => action(id, { unshelve: null }, signal),
    rebuild: (id, imageRef, signal) => action(id, { rebuild: { imageRef } }, signal),
    async waitForStatus(id, options) {
      const interval = options.intervalMs ?? 2_000;
      const deadline = deps.clock() + (options.timeoutMs ?? 15 * 60_000);
      for (;;) {
        const server = await get(id, options.signal);
        if (options.until.includes(server.status) || server.status === "ERROR") return server;
        if (deps.clock() >= deadline) {
          throw new VhiTransientError(`server ${id} still ${server.status} when the wait ended`, {
            service: "compute",
            status: 0,
          });
        }
        await deps.sleep(interval, options.signal);
      }
    },
    metadata: {
      async get(id, signal) {
        const path = `${serverPath(id)}/metadata`;
        return (await compute.call({ method: "GET", path, schema: metadataSchema, signal })).data.metadata;
      },
      async merge(id, metadata, signal) {
        const path = `${serverPath(id)}/metadata`;
        const body = { metadata };
        return (await compute.call({ method: "POST", path, body, schema: metadataSchema, idempotent: true, signal }))
          .data.metadata;
      },
      async set(id, key, value, signal) {
        const path = `${serverPath(id)}/metadata/${encodePathSegment(key)}`;
        await compute.call({
          method: "PUT",
          path,
          body: { meta: { [key]: value } },
          schema: metadataItemSchema,
          signal,
        });
      },
      async delete(id, key, signal) {
        try {
          await compute.call({
            method: "DELETE",
            path: `${serverPath(id)}/metadata/${encodePathSegment(key)}`,
            signal,
          });
        } catch (error) {
          if (!(error instanceof VhiNotFoundError)) throw error;
        }
      },
    },
  };
}

/** Keys like `atrium:pool` keep their colon (legal in a path segment), as Nova's own clients send them. */
function encodePathSegment(value: string): string {
  return encodeURIComponent(value).replace(/%3A/gi, ":").replace(/%40/g, "@");
}

function createBody(input: ServerCreateInput): Record<string, unknown> {
  const body: Record<string, unknown> = {
    name: input.name,
    flavorRef: input.flavorRef,
    networks: Array.isArray(input.networks) ? input.networks.map((uuid) => ({ uuid })) : input.networks,
  };
  if (input.bootVolume) {
    const volume = input.bootVolume;
    const sourceId = volume.snapshotId ?? input.imageRef;
    if (!sourceId)
      throw new VhiBadRequestError("boot volume needs an imageRef or a snapshotId", { service: "compute" });
    body.block_device_mapping_v2 = [
      {
        boot_index: 0,
        uuid: sourceId,
        source_type: volume.snapshotId ? "snapshot" : "image",
        destination_type: "volume",
        volume_size: volume.sizeGb,
        ...(volume.volumeType ? { volume_type: volume.volumeType } : {}),
        delete_on_termination: volume.deleteOnTermination ?? true,
      },
    ];
  } else if (input.imageRef) {
    body.imageRef = input.imageRef;
  } else {
    throw new VhiBadRequestError("server create needs an imageRef or a bootVolume", { service: "compute" });
  }
  if (input.securityGroups) body.security_groups = input.securityGroups.map((name) => ({ name }));
  if (input.availabilityZone) body.availability_zone = input.availabilityZone;
  if (input.metadata) body.metadata = input.metadata;
  if (input.tags?.length) body.tags = input.tags;
  if (input.keyName) body.key_name = input.keyName;
  if (input.configDrive !== undefined) body.config_drive = input.configDrive;
  if (input.userData !== undefined) {
    const encoded = Buffer.from(input.userData, "utf8").toString("base64");
    if (encoded.length > MAX_USER_DATA_BYTES) {
      throw new VhiBadRequestError(`user_data is ${encoded.length} bytes base64-encoded, Nova allows 65535`, {
        service: "compute",
      });
    }
    body.user_data = encoded;
  }
  return body;
}

function listQuery(filters: ServerListFilters): Record<string, string | number | undefined> {
  const since = filters.changesSince;
  return {
    "changes-since": since instanceof Date ? since.toISOString() : since,
    tags: filters.tags?.length ? filters.tags.join(",") : undefined,
    "tags-any": filters.tagsAny?.length ? filters.tagsAny.join(",") : undefined,
    status: filters.status,
    name: filters.name,
    image: filters.image,
    flavor: filters.flavor,
    limit: filters.pageSize ?? DEFAULT_PAGE_SIZE,
  };
}

function matchesMetadata(server: VhiServer, wanted: Record<string, string>): boolean {
  return Object.entries(wanted).every(([key, value]) => server.metadata[key] === value);
}
