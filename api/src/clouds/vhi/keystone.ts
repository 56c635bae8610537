import type { HttpResponse, HttpTransport, TokenSource } from "./http.js";
import { type CatalogEntry, type TokenResponse, tokenResponseSchema } from "./keystone.schemas.js";
import { VhiAuthError, VhiIncompatibleError, VhiInvalidResponseError } from "./vhi.errors.js";
import type { KeystoneRef, ServiceType, VhiClientConfig, VhiClientDeps } from "./vhi.types.js";

/** Catalog type names per service, most specific first (Cinder is registered as volumev3 or block-storage). */
const CATALOG_TYPES: Record<ServiceType, readonly string[]> = {
  identity: ["identity"],
  compute: ["compute"],
  image: ["image"],
  network: ["network"],
  volume: ["volumev3", "block-storage", "volume"],
};

/** Refresh this long before `expires_at` (capped at half the token lifetime) so no request races the expiry. */
const REFRESH_MARGIN_MS = 5 * 60_000;

export interface KeystoneToken {
  value: string;
  expiresAt: number;
  /** Our clock when the token arrived; with expiresAt it gives the lifetime the refresh margin is based on. */
  obtainedAt: number;
  projectId: string;
  userId: string;
  roles: string[];
  catalog: CatalogEntry[];
}

/**
 * A bare string is an id when it looks like one (Keystone ids are 32 hex chars; the built-in domain's id is
 * `default`), otherwise a name. Callers who need to be explicit pass `{ id }` or `{ name }`.
 */
export function resolveKeystoneRef(ref: KeystoneRef): { id: string } | { name: string } {
  if (typeof ref !== "string") return ref;
  return /^[0-9a-f]{32}$/i.test(ref) || ref === "default" ? { id: ref } : { name: ref };
}

function projectLabel(ref: KeystoneRef): string {
  const resolved = resolveKeystoneRef(ref);
  return "id" in resolved ? resolved.id : resolved.name;
}

export function identityBaseUrl(authUrl: string): string {
  const parsed = URL.canParse(authUrl) ? new URL(authUrl) : undefined;
  if (!parsed || !/^https?:$/.test(parsed.protocol)) {
    // A typo in the cloud settings must read as a configuration problem, not as a flaky network to retry.
    throw new VhiIncompatibleError(`Keystone URL "${authUrl}" is not an http(s) URL`, { service: "identity" });
  }
  const trimmed = authUrl.replace(/\/+$/, "");
  return /\/v3$/.test(trimmed) ? trimmed : `${trimmed}/v3`;
}

export class KeystoneSession implements TokenSource {
  private current?: KeystoneToken;
  private inFlight?: Promise<KeystoneToken>;

  constructor(
    private readonly config: VhiClientConfig,
    private readonly http: HttpTransport,
    private readonly deps: VhiClientDeps,
  ) {}

  async token(signal?: AbortSignal): Promise<string> {
    return (await this.session(signal)).value;
  }

  /** The cached session, re-authenticating when it is missing or close to expiry. */
  async session(signal?: AbortSignal): Promise<KeystoneToken> {
    const current = this.current;
    if (current && this.deps.clock() < current.expiresAt - this.margin(current)) return current;
    return this.authenticate(signal);
  }

  /** Always obtains a new token; concurrent callers share one Keystone round trip. */
  authenticate(signal?: AbortSignal): Promise<KeystoneToken> {
    if (!this.inFlight) {
      this.inFlight = this.requestToken(signal).finally(() => {
        this.inFlight = undefined;
      });
    }
    return this.inFlight;
  }

  invalidate(token: string): void {
    if (this.current?.value === token) this.current = undefined;
  }

  secrets(): readonly string[] {
    return this.current ? [this.current.value, this.config.password] : [this.config.password];
  }

  /** Public endpoint URL (no trailing slash) of a service, honouring the configured region. */
  async endpoint(service: ServiceType, signal?: AbortSignal): Promise<string> {
    const { catalog } = await this.session(signal);
    return selectEndpoint(catalog, service, this.config.region);
  }

  private margin(token: KeystoneToken): number {
    const lifetime = token.expiresAt - token.obtainedAt;
    return Math.min(REFRESH_MARGIN_MS, Math.max(0, lifetime / 2));
  }

  private async requestToken(signal?: AbortSignal): Promise<KeystoneToken> {
    const projectRef = resolveKeystoneRef(this.config.project);
    const project =
      "id" in projectRef
        ? projectRef
        : { name: projectRef.name, domain: resolveKeystoneRef(this.config.projectDomain ?? this.config.domain) };
    const body = {
      auth: {
        identity: {
          methods: ["password"],
          password: {
            user: {
              name: this.config.username,
              domain: resolveKeystoneRef(this.config.domain),
              password: this.config.password,
            },
          },
        },
        scope: { project },
      },
    };
    const url = `${identityBaseUrl(this.config.authUrl)}/auth/tokens`;
    let response: HttpResponse<TokenResponse>;
    try {
      // Issuing a token has no side effect worth protecting, so it is retried like a GET.
      response = await this.http.request({
        service: "identity",
        method: "POST",
        url,
        body,
        schema: tokenResponseSchema,
        auth: false,
        idempotent: true,
        signal,
      });
    } catch (error) {
      if (error instanceof VhiAuthError) {
        // Keystone answers the same 401 for an unknown user, a wrong password and a project without a role.
        throw new VhiAuthError(
          `Keystone rejected the credentials of user "${this.config.username}" for project "${projectLabel(this.config.project)}" (wrong password, unknown user or domain, or no role on that project)`,
          { service: "identity", status: error.status, requestId: error.requestId, method: "POST", path: error.path },
        );
      }
      throw error;
    }
    const value = response.headers.get("x-subject-token");
    const { token } = response.data;
    const obtainedAt = this.deps.clock();
    const serverExpiry = Date.parse(token.expires_at);
    const issuedAt = token.issued_at ? Date.parse(token.issued_at) : Number.NaN;
    // Measure the lifetime on the server's clock and apply it to ours, so clock skew between us and VHI cannot
    // make us use a token the cloud already considers expired.
    const expiresAt = Number.isNaN(issuedAt) ? serverExpiry : obtainedAt + (serverExpiry - issuedAt);
    if (!value || Number.isNaN(expiresAt)) {
      throw new VhiInvalidResponseError("token response without X-Subject-Token or a valid expires_at", {
        service: "identity",
        status: response.status,
        requestId: response.requestId,
      });
    }
    if (!token.project) {
      throw new VhiAuthError("Keystone issued a token that is not scoped to a project", {
        service: "identity",
        status: response.status,
        requestId: response.requestId,
      });
    }
    this.current = {
      value,
      expiresAt,
      obtainedAt,
      projectId: token.project.id,
      userId: token.user.id,
      roles: token.roles.map((role) => role.name),
      catalog: token.catalog,
    };
    this.deps.logger.debug(
      { projectId: token.project.id, expiresAt: token.expires_at, requestId: response.requestId },
      "vhi authenticated",
    );
    return this.current;
  }
}

export function selectEndpoint(catalog: readonly CatalogEntry[], service: ServiceType, region?: string): string {
  for (const type of CATALOG_TYPES[service]) {
    const entry = catalog.find((candidate) => candidate.type === type);
    if (!entry) continue;
    const endpoint = entry.endpoints.find(
      (candidate) =>
        candidate.interface === "public" &&
        (region === undefined || (candidate.region_id ?? candidate.region) === region),
    );
    if (endpoint) return endpoint.url.replace(/\/+$/, "");
    const regions = [...new Set(entry.endpoints.map((candidate) => candidate.region_id ?? candidate.region))];
    throw new VhiIncompatibleError(
      `service "${type}" has no public endpoint${region ? ` in region "${region}" (regions: ${regions.join(", ")})` : ""}`,
      { service: service === "identity" ? "identity" : service },
    );
  }
  throw new VhiIncompatibleError(
    `the service catalog has no ${service} service (looked for ${CATALOG_TYPES[service].join(", ")})`,
    { service },
  );
}
