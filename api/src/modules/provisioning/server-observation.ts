import type { PowerState } from "@atrium/schema";
import type { VhiServer } from "../../clouds/vhi/index.js";

/** Metadata and tags every server we create carries; the tags let Nova filter server-side (2.52+). */
export const META_DESKTOP = "atrium:desktop";
export const META_POOL = "atrium:pool";
export const META_TENANT = "atrium:tenant";
export const poolTag = (poolId: string) => `atrium-pool:${poolId}`;
export const requestTag = (marker: string) => `atrium-req:${marker}`;

/** Nova status → what the broker shows (peers.md §4.4). */
export function powerStateOf(status: string): PowerState {
  switch (status) {
    case "BUILD":
      return "building";
    case "ACTIVE":
    case "REBOOT":
    case "HARD_REBOOT":
    case "REBUILD":
      return "running";
    case "SHUTOFF":
      return "stopped";
    case "SUSPENDED":
    case "PAUSED":
      return "suspended";
    case "SHELVED":
    case "SHELVED_OFFLOADED":
      return "shelved";
    case "ERROR":
      return "error";
    case "DELETED":
    case "SOFT_DELETED":
      return "deleted";
    default:
      return "unknown";
  }
}

export function statusText(server: VhiServer): string {
  return server.taskState ? `${server.status}/${server.taskState}` : server.status;
}

export function addressesOf(server: VhiServer): string[] {
  return server.addresses.map((entry) => entry.address);
}
