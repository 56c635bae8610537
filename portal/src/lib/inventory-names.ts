import { PoolInventoryDocument } from "@/generated/graphql";
import { mutate } from "./api/server-api";

export interface InventoryNames {
  image(id: string): string;
  flavor(id: string): string;
  network(id: string): string;
}

interface Entry {
  at: number;
  names: Map<string, string>;
}

// Pool pages poll every few seconds; the cloud's inventory changes rarely, so each tenant's view of a cloud is
// asked for at most once a minute. The key holds the tenant: projects see different networks.
const TTL_MS = 60_000;
const cache = new Map<string, Entry>();

async function load(tenantKey: string, cloudId: string): Promise<Map<string, string>> {
  const key = `${tenantKey}:${cloudId}`;
  const hit = cache.get(key);
  if (hit && Date.now() - hit.at < TTL_MS) return hit.names;
  const outcome = await mutate(PoolInventoryDocument, { cloudId });
  const names = new Map<string, string>();
  if (outcome.ok) {
    const { images, flavors, networks } = outcome.data.poolInventory;
    for (const [kind, items] of [
      ["image", images],
      ["flavor", flavors],
      ["network", networks],
    ] as const) {
      for (const item of items) names.set(`${kind}:${item.id}`, item.name);
    }
    cache.set(key, { at: Date.now(), names });
  }
  return names;
}

/** Names for a pool's image, flavor and networks; the raw id when the cloud cannot be asked or no longer has it. */
export async function inventoryNames(tenantKey: string, cloudId: string): Promise<InventoryNames> {
  const names = await load(tenantKey, cloudId);
  const lookup = (type: string) => (id: string) => names.get(`${type}:${id}`) ?? id;
  return { image: lookup("image"), flavor: lookup("flavor"), network: lookup("network") };
}
