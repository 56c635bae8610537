import type { z } from "zod";
import { mapErrorResponse, requestIdOf } from "./http-error-mapper.js";
import type { RequestLimiter } from "./rate-limiter.js";
import {
  VhiAuthError,
  VhiForbiddenError,
  VhiInvalidResponseError,
  VhiRateLimitedError,
  type VhiServiceName,
  VhiTransientError,
} from "./vhi.errors.js";
import type { VhiClientDeps } from "./vhi.types.js";

/** Supplies the X-Auth-Token and learns when the cloud rejected it. */
export interface TokenSource {
  token(signal?: AbortSignal): Promise<string>;
  /** Drops the cached token if it is still `token` (concurrent 401s must cause one re-auth, not many). */
  invalidate(token: string): void;
  /** Strings that must never appear in errors or logs (current token, password). */
  secrets(): readonly string[];
}

export type HttpMethod = "GET" | "POST" | "PUT" | "DELETE";

export interface HttpRequest<T> {
  service: VhiServiceName;
  method: HttpMethod;
  url: string;
  headers?: Record<string, string>;
  body?: unknown;
  /** Validates a 2xx body; without it the body is ignored. */
  schema?: z.ZodType<T>;
  /**
   * Whether sending the request twice is harmless. Defaults to true except for POST. A non-idempotent request is
   * retried only when the cloud provably did not act on it (connection refused, 429/Retry-After from the proxy).
   */
  idempotent?: boolean;
  /** Send X-Auth-Token (default true). Keystone's own token call sets false. */
  auth?: boolean;
  signal?: AbortSignal;
}

export interface HttpResponse<T> {
  data: T;
  status: number;
  headers: Headers;
  requestId?: string;
}

export interface HttpTransportOptions {
  deps: VhiClientDeps;
  timeoutMs: number;
  maxAttempts: number;
  limiter?: RequestLimiter;
  /** First backoff step and cap for transient errors (full jitter). */
  backoffBaseMs?: number;
  backoffCapMs?: number;
  /** A Retry-After longer than this is returned to the caller instead of slept through (a worker must not hang). */
  maxRetryAfterMs?: number;
}

/** Codes where the TCP connection never carried our request, so even a POST is safe to resend. */
const NOT_SENT_CODES = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "UND_ERR_CONNECT_TIMEOUT", "EHOSTUNREACH"]);

export class HttpTransport {
  private tokens?: TokenSource;
  private readonly backoffBaseMs: number;
  private readonly backoffCapMs: number;
  private readonly maxRetryAfterMs: number;

  constructor(private readonly options: HttpTransportOptions) {
    this.backoffBaseMs = options.backoffBaseMs ?? 250;
    this.backoffCapMs = options.backoffCapMs ?? 8_000;
    this.maxRetryAfterMs = options.maxRetryAfterMs ?? 60_000;
  }

  /** Set once Keystone exists; the Keystone session itself uses this transport unauthenticated. */
  useTokenSource(tokens: TokenSource): void {
    this.tokens = tokens;
  }

  async request<T>(req: HttpRequest<T>): Promise<HttpResponse<T>> {
    const { deps } = this.options;
    const idempotent = req.idempotent ?? req.method !== "POST";
    let reauthenticated = false;
    let attempt = 1;
    for (;;) {
      const token = req.auth === false ? undefined : await this.requireTokens().token(req.signal);
      try {
        return await this.once(req, token);
      } catch (error) {
        // 401 with a token that was accepted before: it expired or was revoked. A 403 may be a role granted since
        // the token was issued (the services cache a token's roles until it expires). Re-auth once; the same answer
        // with a brand-new token means the credentials or roles are wrong and is returned as it came.
        if (
          (error instanceof VhiAuthError || error instanceof VhiForbiddenError) &&
          token !== undefined &&
          !reauthenticated
        ) {
          reauthenticated = true;
          this.requireTokens().invalidate(token);
          deps.logger.debug({ service: req.service, path: error.path }, "vhi token rejected, re-authenticating");
          continue;
        }
        const delayMs = this.retryDelay(error, attempt, idempotent);
        if (delayMs === undefined) throw error;
        deps.logger.warn(
          { service: req.service, method: req.method, path: pathOf(req.url), attempt, delayMs, err: String(error) },
          "vhi request failed, retrying",
        );
        await deps.sleep(delayMs, req.signal);
        attempt += 1;
      }
    }
  }

  private retryDelay(error: unknown, attempt: number, idempotent: boolean): number | undefined {
    if (attempt >= this.options.maxAttempts) return undefined;
    if (error instanceof VhiRateLimitedError) {
      // A 429 (or 503 + Retry-After) comes from the proxy before the API acts, so even a create may be resent.
      const wait = error.retryAfterMs ?? this.backoff(attempt);
      return wait > this.maxRetryAfterMs ? undefined : wait;
    }
    if (error instanceof VhiTransientError) {
      // Server create is not idempotent: after a timeout or 5xx the server may exist. The caller (provisioning
      // worker) must look it up by its tag/metadata request marker before creating again, so we do not resend.
      if (!idempotent && error.requestSent) return undefined;
      return this.backoff(attempt);
    }
    return undefined;
  }

  /** Exponential backoff with full jitter: uniform in [0, min(cap, base·2^(attempt-1))). */
  private backoff(attempt: number): number {
    const ceiling = Math.min(this.backoffCapMs, this.backoffBaseMs * 2 ** (attempt - 1));
    return Math.floor(this.options.deps.random() * ceiling);
  }

  private requireTokens(): TokenSource {
    if (!this.tokens) throw new VhiAuthError("no Keystone session configured for an authenticated request");
    return this.tokens;
  }

  private async once<T>(req: HttpRequest<T>, token: string | undefined): Promise<HttpResponse<T>> {
    const { deps, timeoutMs, limiter } = this.options;
    const details = { service: req.service, method: req.method, path: pathOf(req.url) };
    const headers: Record<string, string> = { Accept: "application/json", ...req.headers };
    if (token !== undefined) headers["X-Auth-Token"] = token;
    if (req.body !== undefined) headers["Content-Type"] = "application/json";

    const release = limiter ? await limiter.acquire(req.signal) : undefined;
    const timeout = new AbortController();
    const timer = setTimeout(() => timeout.abort(), timeoutMs);
    const signal = req.signal ? AbortSignal.any([req.signal, timeout.signal]) : timeout.signal;
    let response: Response;
    let bodyText: string;
    try {
      response = await deps.fetch(req.url, {
        method: req.method,
        headers,
        body: req.body === undefined ? undefined : JSON.stringify(req.body),
        signal,
      });
      bodyText = await response.text();
    } catch (error) {
      if (req.signal?.aborted) throw req.signal.reason ?? error;
      if (timeout.signal.aborted) {
        throw new VhiTransientError(`no answer within ${timeoutMs} ms`, { ...details, requestSent: true });
      }
      const code = networkErrorCode(error);
      throw new VhiTransientError(`connection failed (${code ?? "network error"})`, {
        ...details,
        requestSent: !(code && NOT_SENT_CODES.has(code)),
        cause: code,
      });
    } finally {
      clearTimeout(timer);
      release?.();
    }

    const requestId = requestIdOf(response.headers);
    deps.logger.debug({ ...details, status: response.status, requestId }, "vhi request");
    if (response.status < 200 || response.status >= 300) {
      throw mapErrorResponse({
        status: response.status,
        headers: response.headers,
        bodyText,
        now: deps.clock(),
        secrets: this.tokens?.secrets() ?? [],
        details,
      });
    }
    return {
      data: this.parse(req, bodyText, { ...details, status: response.status, requestId }),
      status: response.status,
      headers: response.headers,
      requestId,
    };
  }

  private parse<T>(
    req: HttpRequest<T>,
    bodyText: string,
    details: { service: VhiServiceName; status: number; requestId?: string; method: string; path: string },
  ): T {
    if (!req.schema) return undefined as T;
    let json: unknown;
    try {
      json = bodyText === "" ? undefined : JSON.parse(bodyText);
    } catch {
      throw new VhiInvalidResponseError("response body is not JSON", details);
    }
    const result = req.schema.safeParse(json);
    if (!result.success) {
      // Only paths and issue codes: the values may include data we should not log.
      const issues = result.error.issues
        .slice(0, 5)
        .map((issue) => `${issue.path.join(".") || "(root)"}: ${issue.code}`)
        .join("; ");
      throw new VhiInvalidResponseError(`unexpected response shape (${issues})`, details);
    }
    return result.data;
  }
}

function pathOf(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return url;
  }
}

function networkErrorCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current && typeof current === "object"; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string") return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}
