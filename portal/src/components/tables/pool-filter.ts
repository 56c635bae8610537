import type { FilterField } from "@/components/lists/filter-toolbar";

/** "Pool" filter of the lists that span pools (desktops, sessions): one choice per pool, by name. */
export function poolFilter(pools: { id: string; name: string }[]): FilterField {
  return {
    type: "select",
    name: "pool",
    label: "Pool",
    anyLabel: "All pools",
    options: pools.map((pool) => ({ value: pool.id, label: pool.name })),
  };
}
