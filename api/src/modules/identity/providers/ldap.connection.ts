import { isIP } from "node:net";
import type { ConnectionOptions } from "node:tls";
import { Client, type ClientOptions, InvalidCredentialsError, NoSuchObjectError, ResultCodeError } from "ldapts";
import type { LdapProviderConfig } from "./identity-provider.schemas.js";
import type { LdapDeps } from "./ldap.types.js";
import { markServerAlive, markServerDead, orderByHealth } from "./ldap-server-health.js";

export type LdapErrorKind = "unreachable" | "tls" | "invalid_credentials" | "no_such_object" | "server_error";

/** A failure tagged with what it means for the caller (fail over, reject, or report a misconfiguration). */
export class LdapStepError extends Error {
  constructor(
    readonly kind: LdapErrorKind,
    readonly url: string,
    override readonly cause: unknown,
  ) {
    super(`${url}: ${kind}: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = "LdapStepError";
  }
}

function errorCode(err: unknown): string {
  return typeof err === "object" && err !== null && "code" in err ? String((err as { code: unknown }).code) : "";
}

function looksLikeTls(err: unknown): boolean {
  const code = errorCode(err);
  const message = err instanceof Error ? err.message : "";
  return (
    code.startsWith("ERR_TLS") ||
    code.startsWith("ERR_SSL") ||
    /CERT|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)|HOSTNAME_MISMATCH/.test(code) ||
    /TLS|SSL|certificate/i.test(message)
  );
}

/** Maps whatever ldapts or the socket threw onto the few outcomes the authenticator acts on. */
export function classifyLdapError(err: unknown, url: string): LdapStepError {
  if (err instanceof LdapStepError) return err;
  if (err instanceof InvalidCredentialsError) return new LdapStepError("invalid_credentials", url, err);
  if (err instanceof NoSuchObjectError) return new LdapStepError("no_such_object", url, err);
  if (err instanceof ResultCodeError) return new LdapStepError("server_error", url, err);
  if (looksLikeTls(err)) return new LdapStepError("tls", url, err);
  // Everything else (refused, reset, DNS, "Connection timeout", "Operation timed out", socket errors, a reply that
  // is not LDAP) means this server gave no usable answer: the next URL may.
  return new LdapStepError("unreachable", url, err);
}

function tlsOptions(config: LdapProviderConfig, url: string): ConnectionOptions {
  const host = new URL(url).hostname.replace(/^\[|\]$/g, "");
  const tls = config.tls;
  return {
    ca: tls.caCertificatePem,
    rejectUnauthorized: tls.rejectUnauthorized,
    // StartTLS upgrades an existing socket, where Node would otherwise check the certificate against "localhost".
    host,
    servername: tls.serverName ?? (isIP(host) ? undefined : host),
    minVersion: "TLSv1.2",
  };
}

/** Opens a connection to one URL (with StartTLS when configured) without binding. */
export async function connectLdap(config: LdapProviderConfig, url: string, deps: LdapDeps = {}): Promise<Client> {
  const tls = tlsOptions(config, url);
  const options: ClientOptions = {
    url,
    connectTimeout: config.connectTimeoutMs,
    timeout: config.operationTimeoutMs,
    // ldapts switches to TLS as soon as tlsOptions has any value, so plain and StartTLS connections get none.
    tlsOptions: config.security === "ldaps" ? tls : undefined,
  };
  const client = deps.createClient ? deps.createClient(options) : new Client(options);
  if (config.security === "starttls") {
    try {
      await client.startTLS(tls);
    } catch (err) {
      await closeLdap(client);
      const classified = classifyLdapError(err, url);
      // A server that answers the StartTLS request with an error is reachable but cannot do TLS.
      throw classified.kind === "unreachable" ? classified : new LdapStepError("tls", url, err);
    }
  }
  return client;
}

/** Binds, turning failures into LdapStepError. Refuses empty passwords: servers treat them as anonymous binds. */
export async function bindLdap(client: Client, url: string, dn: string, password: string): Promise<void> {
  if (password.length === 0) throw new LdapStepError("invalid_credentials", url, new Error("empty password"));
  try {
    await client.bind(dn, password);
  } catch (err) {
    throw classifyLdapError(err, url);
  }
}

export async function closeLdap(client: Client): Promise<void> {
  try {
    await client.unbind();
  } catch {
    // The connection is being discarded; a failed unbind changes nothing for the caller.
  }
}

/**
 * Rejects when `work` has not settled within `ms`. A server that accepts TCP but never answers would otherwise hold
 * the sign-in for the whole operation timeout; its silence is treated like a refused connection.
 */
async function withinDeadline<T>(work: Promise<T>, ms: number, url: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new LdapStepError("unreachable", url, new Error(`no answer within ${ms} ms`))), ms);
  });
  // The losing promise still settles later (when the socket is closed); nobody waits for it.
  work.catch(() => undefined);
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Connects and binds with the service account, trying the URLs until one answers. Each server must answer within
 * the connect timeout, and all tries together within the sign-in budget; a server that did not answer is tried
 * last by the next sign-ins for a while (ldap-server-health).
 */
export async function openServiceSession(
  config: LdapProviderConfig,
  deps: LdapDeps = {},
): Promise<{ client: Client; url: string }> {
  const failures: LdapStepError[] = [];
  const started = Date.now();
  for (const url of orderByHealth(config.urls)) {
    const remaining = config.signInBudgetMs - (Date.now() - started);
    if (remaining <= 0) {
      failures.push(new LdapStepError("unreachable", url, new Error("sign-in time budget spent before this server")));
      break;
    }
    const limit = Math.min(config.connectTimeoutMs, remaining);
    let opened: Client | undefined;
    try {
      const attempt = (async () => {
        opened = await connectLdap({ ...config, connectTimeoutMs: limit }, url, deps);
        await bindLdap(opened, url, config.bindDn, config.bindPassword);
        return opened;
      })();
      const client = await withinDeadline(attempt, limit, url);
      markServerAlive(url);
      return { client, url };
    } catch (err) {
      if (opened) await closeLdap(opened);
      const failure = classifyLdapError(err, url);
      // Only an unreachable server justifies the next URL; a wrong service password is wrong everywhere.
      if (failure.kind !== "unreachable" && failure.kind !== "tls") throw failure;
      if (failure.kind === "unreachable") markServerDead(url);
      failures.push(failure);
    }
  }
  const kind = failures.length > 0 && failures.every((failure) => failure.kind === "tls") ? "tls" : "unreachable";
  const summary = new AggregateError(failures, failures.map((failure) => failure.message).join("; "));
  throw new LdapStepError(kind, config.urls.join(" "), summary);
}
