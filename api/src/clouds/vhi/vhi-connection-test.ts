import type { ImagesApi } from "./glance.js";
import type { KeystoneSession } from "./keystone.js";
import type { NetworksApi } from "./neutron.js";
import type { ComputeService, FlavorsApi } from "./nova.js";
import { isVhiError, type VhiError, VhiTransientError } from "./vhi.errors.js";
import type { ServiceType } from "./vhi.types.js";

export type ConnectionStage = "auth" | "catalog" | "compute" | "image" | "network";

export type VhiConnectionReport =
  | {
      ok: true;
      projectId: string;
      userId: string;
      roles: string[];
      endpoints: Record<ServiceType, string | null>;
      compute: { microversion: string; serverMinVersion: string; serverMaxVersion: string };
      counts: { images: number; flavors: number; networks: number };
    }
  | { ok: false; stage: ConnectionStage; reason: string; error: VhiError };

interface ConnectionTestInput {
  session: KeystoneSession;
  compute: ComputeService;
  /** The three list calls the probe makes; the whole client would make this file and vhi.client import each other. */
  client: { flavors: FlavorsApi; images: ImagesApi; networks: NetworksApi };
  signal?: AbortSignal;
}

const REQUIRED: readonly ServiceType[] = ["compute", "image", "network"];
const OPTIONAL: readonly ServiceType[] = ["identity", "volume"];

/**
 * The "Test connection" button of the MSP console: each stage turns its failure into a precise reason so the admin
 * knows whether to fix the password, the region, the project or the network path to VHI.
 */
export async function runConnectionTest(input: ConnectionTestInput): Promise<VhiConnectionReport> {
  const { session, compute, client, signal } = input;
  let stage: ConnectionStage = "auth";
  try {
    const token = await session.authenticate(signal);
    stage = "catalog";
    const endpoints = {} as Record<ServiceType, string | null>;
    for (const service of REQUIRED) endpoints[service] = await session.endpoint(service, signal);
    for (const service of OPTIONAL) endpoints[service] = await session.endpoint(service, signal).catch(() => null);
    stage = "compute";
    const negotiated = await compute.negotiate(signal);
    const flavors = await client.flavors.list(signal);
    stage = "image";
    const images = await client.images.list({}, signal);
    stage = "network";
    const networks = await client.networks.list(signal);
    return {
      ok: true,
      projectId: token.projectId,
      userId: token.userId,
      roles: token.roles,
      endpoints,
      compute: {
        microversion: negotiated.microversion,
        serverMinVersion: negotiated.serverMinVersion,
        serverMaxVersion: negotiated.serverMaxVersion,
      },
      counts: { images: images.length, flavors: flavors.length, networks: networks.length },
    };
  } catch (caught) {
    const error = isVhiError(caught)
      ? caught
      : new VhiTransientError(caught instanceof Error ? caught.message : String(caught), { requestSent: false });
    return { ok: false, stage, reason: describe(stage, error), error };
  }
}

function describe(stage: ConnectionStage, error: VhiError): string {
  const where = {
    auth: "Keystone authentication",
    catalog: "service catalog",
    compute: "compute (Nova)",
    image: "image service (Glance)",
    network: "network service (Neutron)",
  }[stage];
  const id = error.requestId ? ` [request ${error.requestId}]` : "";
  const status = error.status ? ` (HTTP ${error.status})` : "";
  return `${where} failed${status}: ${error.message}${id}`;
}
