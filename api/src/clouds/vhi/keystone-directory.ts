import { z } from "zod";
import type { HttpTransport } from "./http.js";
import { identityBaseUrl } from "./keystone.js";
import { VhiForbiddenError } from "./vhi.errors.js";

const linksSchema = z.object({ next: z.string().nullish() }).optional();

const projectListSchema = z.object({
  projects: z.array(
    z.object({ id: z.string(), name: z.string(), domain_id: z.string(), enabled: z.boolean().default(true) }),
  ),
  links: linksSchema,
});

const domainListSchema = z.object({
  domains: z.array(z.object({ id: z.string(), name: z.string(), enabled: z.boolean().default(true) })),
  links: linksSchema,
});

export interface KeystoneDomain {
  id: string;
  name: string;
}

export interface KeystoneProject {
  id: string;
  name: string;
  domainId: string;
}

/** What Keystone lets the service account see: the projects it holds a role on, grouped by domain. */
export interface KeystoneDirectory {
  domains: KeystoneDomain[];
  projects: KeystoneProject[];
}

export interface IdentityApi {
  directory(signal?: AbortSignal): Promise<KeystoneDirectory>;
}

/**
 * The project list is `GET /v3/auth/projects`: the projects the service account holds a role on, which are exactly
 * the ones it can build desktops in (a project it cannot scope a token to is of no use to a tenant). Domain names
 * come from `GET /v3/domains`, an admin call; without it (403) a domain is shown by its id.
 */
export function createIdentityApi(http: HttpTransport, authUrl: string): IdentityApi {
  return {
    async directory(signal) {
      // Resolved per call, not at client creation: a malformed URL must surface as this call's configuration
      // error (and as the connection test's auth stage), not throw out of createVhiClient.
      const base = identityBaseUrl(authUrl);
      const { data } = await http.request({
        service: "identity",
        method: "GET",
        url: `${base}/auth/projects`,
        schema: projectListSchema,
        signal,
      });
      const projects = data.projects
        .filter((project) => project.enabled)
        .map((project) => ({ id: project.id, name: project.name, domainId: project.domain_id }));
      const named = await http
        .request({ service: "identity", method: "GET", url: `${base}/domains`, schema: domainListSchema, signal })
        .then((response) => new Map(response.data.domains.map((domain) => [domain.id, domain.name])))
        .catch((error: unknown) => {
          if (error instanceof VhiForbiddenError) return new Map<string, string>();
          throw error;
        });
      const domainIds = [...new Set(projects.map((project) => project.domainId))];
      const domains = domainIds.map((id) => ({ id, name: named.get(id) ?? id }));
      const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);
      return { domains: domains.sort(byName), projects: projects.sort(byName) };
    },
  };
}
