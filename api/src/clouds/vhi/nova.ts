import type { z } from "zod";
import type { HttpMethod, HttpResponse, HttpTransport } from "./http.js";
import type { KeystoneSession } from "./keystone.js";
import { negotiateMicroversion, supportsMicroversion } from "./microversion.js";
import {
  availabilityZonesSchema,
  type ComputeVersion,
  computeVersionDocSchema,
  computeVersionRootSchema,
  flavorAccessSchema,
  flavorPageSchema,
  limitsSchema,
  type VhiAvailabilityZone,
  type VhiFlavor,
  type VhiLimits,
} from "./nova.schemas.js";
import { collect, nextLink, paginate, withQuery } from "./paging.js";
import { VhiForbiddenError, VhiIncompatibleError, VhiInvalidResponseError, VhiNotFoundError } from "./vhi.errors.js";
import { MIN_COMPUTE_MICROVERSION } from "./vhi.types.js";

export interface ComputeCallOptions<T> {
  method: HttpMethod;
  /** Path below the compute endpoint, e.g. `/servers/detail`, or an absolute URL. */
  path: string;
  query?: Record<string, string | number | undefined>;
  body?: unknown;
  schema?: z.ZodType<T>;
  idempotent?: boolean;
  signal?: AbortSignal;
}

export interface NegotiatedCompute {
  endpoint: string;
  microversion: string;
  serverMinVersion: string;
  serverMaxVersion: string;
}

/** Compute endpoint + negotiated microversion; every Nova call goes through {@link ComputeService.call}. */
export class ComputeService {
  private negotiated?: Promise<NegotiatedCompute>;

  constructor(
    private readonly http: HttpTransport,
    private readonly session: KeystoneSession,
    private readonly wantedMicroversion: string,
  ) {}

  /** Discovers the endpoint and microversion once per client; a failure is not cached so the next call retries. */
  negotiate(signal?: AbortSignal): Promise<NegotiatedCompute> {
    if (!this.negotiated) {
      this.negotiated = this.discover(signal).catch((error: unknown) => {
        this.negotiated = undefined;
        throw error;
      });
    }
    return this.negotiated;
  }

  /** Throws {@link VhiIncompatibleError} when the negotiated microversion is below what a feature needs. */
  async requireMicroversion(needed: string, feature: string, signal?: AbortSignal): Promise<void> {
    const { microversion } = await this.negotiate(signal);
    if (!supportsMicroversion(microversion, needed)) {
      throw new VhiIncompatibleError(
        `${feature} needs compute microversion ${needed}, the cloud offers ${microversion}`,
        {
          service: "compute",
        },
      );
    }
  }

  async call<T>(options: ComputeCallOptions<T>): Promise<HttpResponse<T>> {
    const { endpoint, microversion } = await this.negotiate(options.signal);
    return this.http.request({
      service: "compute",
      method: options.method,
      url: withQuery(
        options.path.startsWith("http") ? options.path : `${endpoint}${options.path}`,
        options.query ?? {},
      ),
      headers: { "OpenStack-API-Version": `compute ${microversion}` },
      body: options.body,
      schema: options.schema,
      idempotent: options.idempotent,
      signal: options.signal,
    });
  }

  private async discover(signal?: AbortSignal): Promise<NegotiatedCompute> {
    const session = await this.session.session(signal);
    const endpoint = await this.session.endpoint("compute", signal);
    const version = await this.readVersion(endpoint, session.projectId, signal);
    const microversion = negotiateMicroversion({
      serverMin: version.min_version,
      serverMax: version.version,
      wanted: this.wantedMicroversion,
      required: MIN_COMPUTE_MICROVERSION,
    });
    return { endpoint, microversion, serverMinVersion: version.min_version, serverMaxVersion: version.version };
  }

  /**
   * The catalog URL is `…/v2.1` or (VHI) `…/v2.1/<project_id>`; its version document lives at `…/v2.1/`. When a
   * proxy hides that path we fall back to the unversioned root (the URL before `/v2.1`, which keeps a proxy's path
   * prefix) and pick the v2.1 entry.
   */
  private async readVersion(endpoint: string, projectId: string, signal?: AbortSignal): Promise<ComputeVersion> {
    const versionBase = endpoint.endsWith(`/${projectId}`) ? endpoint.slice(0, -projectId.length - 1) : endpoint;
    try {
      const doc = await this.http.request({
        service: "compute",
        method: "GET",
        url: `${versionBase}/`,
        schema: computeVersionDocSchema,
        auth: false,
        signal,
      });
      return doc.data.version;
    } catch (error) {
      if (!(error instanceof VhiNotFoundError || error instanceof VhiInvalidResponseError)) throw error;
      const root = await this.http.request({
        service: "compute",
        method: "GET",
        url: `${endpoint.replace(/\/v2(\.1)?(\/.*)?$/, "")}/`,
        schema: computeVersionRootSchema,
        auth: false,
        signal,
      });
      const current =
        root.data.versions.find((entry) => entry.id === "v2.1") ??
        root.data.versions.find((entry) => entry.status === "CURRENT");
      if (!current) throw new VhiInvalidResponseError("compute version root lists no v2.1 API", { service: "compute" });
      return current;
    }
  }
}

export interface LimitsApi {
  /** Project usage against quota (`GET /limits`); check headroom before a batch instead of waiting for a 403. */
  get(signal?: AbortSignal): Promise<VhiLimits>;
}

export interface FlavorsApi {
  list(signal?: AbortSignal): Promise<VhiFlavor[]>;
  /** Projects granted a private flavor; null when the account may not read the list (it is admin-only). */
  access(flavorId: string, signal?: AbortSignal): Promise<string[] | null>;
}

export interface AvailabilityZonesApi {
  list(signal?: AbortSignal): Promise<VhiAvailabilityZone[]>;
}

export function createLimitsApi(compute: ComputeService): LimitsApi {
  return {
    async get(signal) {
      return (await compute.call({ method: "GET", path: "/limits", schema: limitsSchema, signal })).data;
    },
  };
}

export function createFlavorsApi(compute: ComputeService): FlavorsApi {
  return {
    list(signal) {
      return collect(
        paginate(async (marker) => {
          const { data } = await compute.call({
            method: "GET",
            path: "/flavors/detail",
            query: { marker },
            schema: flavorPageSchema,
            signal,
          });
          return { items: data.flavors, nextHref: nextLink(data.flavors_links) };
        }),
      );
    },
    async access(flavorId, signal) {
      try {
        const { data } = await compute.call({
          method: "GET",
          path: `/flavors/${encodeURIComponent(flavorId)}/os-flavor-access`,
          schema: flavorAccessSchema,
          signal,
        });
        return data.flavor_access.map((entry) => entry.tenant_id);
      } catch (error) {
        if (error instanceof VhiForbiddenError) return null;
        throw error;
      }
    },
  };
}

export function createAvailabilityZonesApi(compute: ComputeService): AvailabilityZonesApi {
  return {
    async list(signal) {
      // The non-detail call: `/detail` is admin-only by default policy.
      return (
        await compute.call({ method: "GET", path: "/os-availability-zone", schema: availabilityZonesSchema, signal })
      ).data;
    },
  };
}
