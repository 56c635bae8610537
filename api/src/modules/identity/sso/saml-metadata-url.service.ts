import type { AppServices } from "../../../context/app-services.js";
import { acrossTenants } from "../../../db/index.js";
import { badInput } from "../../../errors/app-error.js";
import { parseSamlMetadata } from "../saml-metadata.util.js";

const FETCH_TIMEOUT_MS = 10_000;
const MAX_METADATA_BYTES = 200_000;

/** Why an IdP's metadata URL gave no usable metadata, in words an administrator can act on. */
export class SamlMetadataFetchError extends Error {}

/**
 * Reads an IdP's metadata document. Refuses what is not SAML IdP metadata (an HTML sign-in page, an SP's metadata),
 * so a wrong URL is reported as such instead of as "missing SSO URL".
 */
export async function fetchSamlMetadata(url: string): Promise<string> {
  let response: Response;
  try {
    response = await fetch(url, { redirect: "follow", signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) });
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).name;
    throw new SamlMetadataFetchError(`the IdP metadata at ${url} could not be read (${cause})`);
  }
  if (!response.ok) throw new SamlMetadataFetchError(`the IdP metadata at ${url} answered HTTP ${response.status}`);
  const xml = await response.text();
  if (xml.length > MAX_METADATA_BYTES) throw new SamlMetadataFetchError(`the document at ${url} is too large`);
  const summary = parseSamlMetadata(xml);
  if (!summary.ssoUrl || summary.idpCertificates.length === 0) {
    throw new SamlMetadataFetchError(
      `the document at ${url} is not SAML IdP metadata with an HTTP-Redirect SSO URL and a signing certificate`,
    );
  }
  return xml;
}

/**
 * SAML settings given with a metadata URL (and no document) get the document read now, so they are validated with
 * what the IdP publishes; a URL that fails is the administrator's input to fix, named as such.
 */
export async function withFetchedMetadata(config: Record<string, unknown>): Promise<Record<string, unknown>> {
  if (typeof config.metadataUrl !== "string" || config.metadataXml) return config;
  try {
    return { ...config, metadataXml: await fetchSamlMetadata(config.metadataUrl) };
  } catch (error) {
    if (error instanceof SamlMetadataFetchError)
      throw badInput(`Invalid saml settings: ${error.message}`, "metadataUrl");
    throw error;
  }
}

/**
 * The hourly refresh: every SAML provider with a metadata URL takes the IdP's current SSO URL, entity id and signing
 * certificates. During a rollover the IdP publishes both certificates and both are accepted; once it drops the old
 * one, so do we. A fetch that fails keeps what is stored (an IdP outage must not lock everyone out) and is logged.
 */
export async function refreshSamlMetadata(services: AppServices): Promise<{ updated: number; failed: number }> {
  const door = acrossTenants(
    services.dataSource.manager,
    "SAML metadata refresh for every tenant's providers",
    "saml-metadata-refresh",
  );
  const providers = await door.identityProviders.findBy({ kind: "saml" });
  let updated = 0;
  let failed = 0;
  for (const provider of providers) {
    const url = provider.config.metadataUrl;
    if (typeof url !== "string") continue;
    let summary: ReturnType<typeof parseSamlMetadata>;
    try {
      summary = parseSamlMetadata(await fetchSamlMetadata(url));
    } catch (error) {
      failed++;
      services.logger.warn({ providerId: provider.id, err: (error as Error).message }, "SAML metadata refresh failed");
      continue;
    }
    const next = {
      ...provider.config,
      ssoUrl: summary.ssoUrl,
      idpCertificates: summary.idpCertificates.slice(0, 4),
      ...(summary.idpEntityId ? { idpEntityId: summary.idpEntityId } : {}),
    };
    if (JSON.stringify(next) === JSON.stringify(provider.config)) continue;
    await door.identityProviders.save(Object.assign(provider, { config: next }));
    updated++;
  }
  return { updated, failed };
}
