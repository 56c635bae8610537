import type { HttpTransport } from "./http.js";
import type { KeystoneSession } from "./keystone.js";
import {
  networkPageSchema,
  securityGroupPageSchema,
  type VhiNetwork,
  type VhiSecurityGroup,
} from "./neutron.schemas.js";
import { collect, nextLink, paginate, withQuery } from "./paging.js";

export interface NetworksApi {
  list(signal?: AbortSignal): Promise<VhiNetwork[]>;
}

export interface SecurityGroupsApi {
  list(signal?: AbortSignal): Promise<VhiSecurityGroup[]>;
}

const PAGE_SIZE = 200;

function neutronBase(session: KeystoneSession, signal?: AbortSignal): Promise<string> {
  return session.endpoint("network", signal).then((url) => `${url.replace(/\/v2\.0$/, "")}/v2.0`);
}

export function createNetworksApi(http: HttpTransport, session: KeystoneSession): NetworksApi {
  return {
    async list(signal) {
      const root = await neutronBase(session, signal);
      return collect(
        paginate(async (marker) => {
          const url = withQuery(`${root}/networks`, { limit: PAGE_SIZE, marker });
          const { data } = await http.request({
            service: "network",
            method: "GET",
            url,
            schema: networkPageSchema,
            signal,
          });
          return { items: data.networks, nextHref: nextLink(data.networks_links) };
        }),
      );
    },
  };
}

export function createSecurityGroupsApi(http: HttpTransport, session: KeystoneSession): SecurityGroupsApi {
  return {
    async list(signal) {
      const root = await neutronBase(session, signal);
      return collect(
        paginate(async (marker) => {
          const url = withQuery(`${root}/security-groups`, { limit: PAGE_SIZE, marker });
          const { data } = await http.request({
            service: "network",
            method: "GET",
            url,
            schema: securityGroupPageSchema,
            signal,
          });
          return { items: data.security_groups, nextHref: nextLink(data.security_groups_links) };
        }),
      );
    },
  };
}
